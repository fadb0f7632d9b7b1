package io.gridlet.samples.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the scripts a user runs against {@code ./gridlet demo}, the way they run them: the demo with
 * {@code --env-file FILE} in one process, each script with that file's variables in another.
 * {@code samples/rest/walkthrough.sh} checks every answer itself; the user guide's
 * {@code run: demo} blocks fail on any HTTP error ({@code curl -f}) or non-zero exit.
 */
class DemoScriptsIT {

    private static final Path ROOT = GuideBlocks.ROOT;

    @TempDir
    static Path dir;

    private static Process demo;
    private static Path demoLog;

    @BeforeAll
    static void startDemo() throws IOException {
        Path envFile = dir.resolve("gridlet.env");
        demoLog = dir.resolve("demo.log");
        demo = new ProcessBuilder(ROOT.resolve("gridlet").toString(), "demo", "--nodes", "2", "--env-file",
                envFile.toString()).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(demoLog.toFile()).start();
        await("the demo's env file").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
                .failFast("the demo exited; its output is in " + demoLog, () -> !demo.isAlive())
                .until(() -> Files.exists(envFile));
    }

    @AfterAll
    static void stopDemo() throws InterruptedException {
        if (demo != null) {
            demo.destroy();
            if (!demo.waitFor(90, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }

    @Test
    void theWalkthroughRunsEveryStepAgainstTheDemo() throws Exception {
        String output = runScript("walkthrough", ROOT.resolve("samples/rest/walkthrough.sh"));
        assertThat(output).contains("== 8. Metrics").contains("walkthrough: every step answered as expected");
    }

    @Test
    void theGuidesCommandsRunAgainstTheDemo() throws Exception {
        Path script = dir.resolve("guide.sh");
        Files.writeString(script, GuideBlocks.read().demoScript());
        String output = runScript("the guide's commands", script);
        assertThat(output).contains("== docs/guide.md line").contains("\"total\":3.0").contains("MEMBER");
    }

    /** Runs a bash script with the demo's variables; its output, after checking it exited 0. */
    private static String runScript(String what, Path script) throws Exception {
        Map<String, String> env = readEnvFile(dir.resolve("gridlet.env"));
        assertThat(env).containsKeys("GRIDLET_URL", "GRIDLET_TOKEN");
        Path out = dir.resolve(script.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(4, TimeUnit.MINUTES);
        String output = Files.readString(out, StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("%s finished within 4 minutes:\n%s", what, output).isTrue();
        assertThat(process.exitValue()).as("%s exit code:\n%s", what, output).isZero();
        return output;
    }

    private static Map<String, String> readEnvFile(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String assignment = line.replaceFirst("^export ", "");
            int equals = assignment.indexOf('=');
            if (equals > 0) {
                env.put(assignment.substring(0, equals), assignment.substring(equals + 1));
            }
        }
        return env;
    }
}
