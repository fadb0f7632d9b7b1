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

    /**
     * From nothing to a function live on the demo's two nodes, as an author does it: {@code ./gridlet
     * new}, the project's own {@code ./mvnw -B -o verify} (timed), a deploy and an invoke; then
     * {@code ./gridlet dev} follows three edits, the second of which does not compile.
     */
    @Test
    void aNewProjectBuildsDeploysAndGoesLiveOnEachGoodEdit() throws Exception {
        Path project = dir.resolve("it-visits");
        long started = System.nanoTime();
        Commands.Result made = Commands.run(ROOT, Map.of(), Duration.ofMinutes(10), ROOT.resolve("gridlet").toString(),
                "new", "it-visits", "--package", "it.visits", "--dir", project.toString());
        assertThat(made.exitCode()).as(made.output()).isZero();
        assertThat(made.output()).contains("Created").contains("it.visits.ItVisits").contains("./gridlet dev");
        Commands.Result verify = Commands.run(project, Map.of(), Duration.ofMinutes(10),
                project.resolve("mvnw").toString(), "-B", "-o", "verify");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("Tests run: 2, Failures: 0, Errors: 0");
        System.out.printf("[timing] ./gridlet new to a passing ./mvnw -B -o verify in the new project: %d s%n", seconds);
        Files.writeString(ROOT.resolve("samples/rest/target/new-project-seconds.txt"), seconds + "\n");

        Map<String, String> env = readEnvFile(dir.resolve("gridlet.env"));
        Path jar = project.resolve("target/it-visits-1.0.0-SNAPSHOT.jar");
        Commands.Result deployed = Commands.run(ROOT, env, Duration.ofMinutes(1), ROOT.resolve("gridlet").toString(),
                "deploy", jar.toString(), "--version", "1");
        assertThat(deployed.exitCode()).as(deployed.output()).isZero();
        assertThat(invokeAda(env)).contains("Hello, Ada!");

        Path devLog = dir.resolve("dev.log");
        Process dev = new ProcessBuilder(ROOT.resolve("gridlet").toString(), "dev", project.toString(), "--env-file",
                dir.resolve("gridlet.env").toString()).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(devLog.toFile()).start();
        try {
            String first = awaitLive(devLog, 1, dev);
            Path source = project.resolve("src/main/java/it/visits/ItVisits.java");
            String original = Files.readString(source);

            Files.writeString(source, original.replace("GREETING = \"Hello\"", "GREETING = \"Hi\""));
            String second = awaitLive(devLog, 2, dev);
            assertThat(second).isNotEqualTo(first);
            assertThat(invokeAda(env)).contains("Hi, Ada!");

            Files.writeString(source, original.replace("GREETING = \"Hello\"", "GREETING = \"Hi\"")
                    .replace("long visits =", "long visits = notDeclared +"));
            await("the failed build").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .failFast("gridlet dev exited", () -> !dev.isAlive())
                    .until(() -> Files.readString(devLog).contains("[dev] build failed"));
            assertThat(Files.readString(devLog)).contains("notDeclared").contains("the live version stays");
            assertThat(invokeAda(env)).as("the last good version stays live").contains("Hi, Ada!");

            Files.writeString(source, original.replace("GREETING = \"Hello\"", "GREETING = \"Hey\""));
            String third = awaitLive(devLog, 3, dev);
            assertThat(third).isNotIn(first, second);
            assertThat(invokeAda(env)).contains("Hey, Ada!");
            await("the new version's log line").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> Files.readString(devLog).contains("[it-visits " + third + "] INFO Hey visit"));
        } finally {
            dev.destroy();
            dev.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String invokeAda(Map<String, String> env) throws Exception {
        Commands.Result answer = Commands.run(ROOT, env, Duration.ofMinutes(1), ROOT.resolve("gridlet").toString(),
                "invoke", "it-visits", "--map", "visits", "--key", "Ada", "{\"name\": \"Ada\"}");
        assertThat(answer.exitCode()).as(answer.output()).isZero();
        return answer.output();
    }

    /** Waits for {@code gridlet dev}'s n-th deploy, and answers the version it made live. */
    private static String awaitLive(Path devLog, int count, Process dev) {
        java.util.regex.Pattern live = java.util.regex.Pattern.compile("it-visits live at version (\\S+)");
        return await("deploy " + count + " of gridlet dev").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250)).failFast("gridlet dev exited", () -> !dev.isAlive())
                .until(() -> {
                    java.util.regex.Matcher matcher = live.matcher(Files.readString(devLog));
                    String version = null;
                    for (int found = 0; found < count; found++) {
                        if (!matcher.find()) {
                            return null;
                        }
                        version = matcher.group(1);
                    }
                    return version;
                }, java.util.Objects::nonNull);
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
