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
 * Runs {@code samples/rest/walkthrough.sh} exactly as its header says: {@code ./gridlet demo
 * --env-file FILE} in one process, the walkthrough with that file's variables in another. The
 * script checks every answer itself; this test fails when the script does.
 */
class RestWalkthroughIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

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
        Map<String, String> env = readEnvFile(dir.resolve("gridlet.env"));
        assertThat(env).containsKeys("GRIDLET_URL", "GRIDLET_TOKEN");

        Path out = dir.resolve("walkthrough.log");
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("samples/rest/walkthrough.sh").toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().putAll(env);
        Process walkthrough = builder.start();
        boolean finished = walkthrough.waitFor(4, TimeUnit.MINUTES);
        String output = Files.readString(out, StandardCharsets.UTF_8);
        if (!finished) {
            walkthrough.destroyForcibly();
        }

        assertThat(finished).as("the walkthrough finished within 4 minutes:\n%s", output).isTrue();
        assertThat(walkthrough.exitValue()).as("the walkthrough's exit code:\n%s", output).isZero();
        assertThat(output).contains("== 8. Metrics").contains("walkthrough: every step answered as expected");
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
