package io.gridlet.management.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gridlet dev [DIR]}: a watch loop against a running cluster. On every change under
 * {@code DIR/src} it builds the project with its tests, deploys the jar as a new version
 * ({@code dev-1}, {@code dev-2}, ...), which the deploy makes live, and prints the functions' new
 * log lines. A build that fails prints the compiler's or the test's error and deploys nothing: the
 * last good version stays live. Only a jar whose build finished is ever read. Runs until Ctrl-C.
 */
@Command(name = "dev", description = "Rebuild, deploy and make live a function project on every change under src/; print its log lines.")
final class DevCommand extends RemoteCommand {

    private static final long POLL_MILLIS = 300;
    /** Edits land in bursts (an editor's save, a refactoring): build once they have stopped for this long. */
    private static final long QUIET_MILLIS = 400;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "the project (default: this directory)")
    Path dir = Path.of(".");

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "read GRIDLET_URL and GRIDLET_TOKEN from this file, as ./gridlet demo --env-file writes it")
    Path envFile;

    @Option(names = "--skip-tests", description = "build without running the project's tests")
    boolean skipTests;

    /** Stops the loop after this many builds, for tests; 0 runs until Ctrl-C. */
    @Option(names = "--builds", hidden = true, defaultValue = "0")
    int builds;

    private final Map<String, Instant> logsSince = new ConcurrentHashMap<>();
    private final Set<String> printed = ConcurrentHashMap.newKeySet();
    private int next = 1;

    @Override
    void run(PrintWriter out) {
        Path project = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(project.resolve("pom.xml"))) {
            throw new Remote.Failure(2, project + " is not a Maven project: it has no pom.xml");
        }
        if (envFile != null) {
            readEnvFile();
        }
        Path wrapper = Files.isExecutable(project.resolve("mvnw")) ? project.resolve("mvnw")
                : Checkout.current().root().resolve("mvnw");
        out.printf("[dev] watching %s/src; deploying to %s. Ctrl-C stops.%n", relative(project), remote.url);
        out.flush();
        ScheduledExecutorService logs = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gridlet-dev-logs");
            thread.setDaemon(true);
            return thread;
        });
        logs.scheduleWithFixedDelay(() -> printNewLines(out), 1, 1, TimeUnit.SECONDS);
        try {
            String seen = fingerprint(project);
            int done = 0;
            buildAndDeploy(project, wrapper, out);
            done++;
            while (builds == 0 || done < builds) {
                Thread.sleep(POLL_MILLIS);
                String now = fingerprint(project);
                if (now.equals(seen)) {
                    continue;
                }
                // Wait for the edits to settle.
                String settled;
                do {
                    settled = now;
                    Thread.sleep(QUIET_MILLIS);
                    now = fingerprint(project);
                } while (!now.equals(settled));
                seen = now;
                out.println("[dev] change under src/: building ...");
                out.flush();
                buildAndDeploy(project, wrapper, out);
                done++;
            }
            // One more look for the last build's lines before stopping.
            Thread.sleep(1_500);
            printNewLines(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            logs.shutdownNow();
        }
    }

    private void buildAndDeploy(Path project, Path wrapper, PrintWriter out) {
        long started = System.nanoTime();
        List<String> arguments = new ArrayList<>(List.of("-B", "-o", "package"));
        if (skipTests) {
            arguments.add("-DskipTests");
        }
        Checkout.Run build = Checkout.maven(wrapper, project, arguments, 10);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        if (build.exitCode() != 0) {
            out.printf("[dev] build failed after %d s; the live version stays:%n%s%n", seconds,
                    Checkout.errors(build.output()));
            out.flush();
            return;
        }
        Path jar = jar(project);
        if (jar == null) {
            out.println("[dev] the build made no jar in target/: nothing deployed");
            out.flush();
            return;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(jar);
        } catch (IOException e) {
            out.println("[dev] cannot read " + jar + ": " + e.getMessage());
            out.flush();
            return;
        }
        try {
            JsonNode deployed = deploy(bytes);
            List<String> functions = new ArrayList<>();
            deployed.get("functions").forEach(function -> functions.add(function.asText()));
            String version = deployed.get("version").asText();
            for (String function : functions) {
                logsSince.putIfAbsent(function, Instant.now().minusSeconds(1));
            }
            out.printf("[dev] built in %d s; %s live at version %s%n", seconds, String.join(", ", functions),
                    version);
        } catch (Remote.Failure failure) {
            out.println("[dev] the deploy failed; the live version stays: " + failure.getMessage());
        }
        out.flush();
    }

    /** Deploys at the next free dev-N: a version the cluster holds with other bytes is skipped. */
    private JsonNode deploy(byte[] jar) {
        for (int tries = 0; tries < 1_000; tries++) {
            String version = "dev-" + next;
            try {
                JsonNode deployed = Remote.parse(remote.send("POST", "/api/v1/functions?version="
                        + URLEncoder.encode(version, StandardCharsets.UTF_8), "application/java-archive", jar).body());
                if (!deployed.path("unchanged").asBoolean()) {
                    next++;
                }
                return deployed;
            } catch (Remote.Failure failure) {
                if (failure.status != 409) {
                    throw failure;
                }
                next++;
            }
        }
        throw new Remote.Failure(1, "no free version from dev-1 to dev-" + next);
    }

    /** Prints the lines the functions logged since last asked, each once. */
    private void printNewLines(PrintWriter out) {
        for (Map.Entry<String, Instant> function : logsSince.entrySet()) {
            try {
                JsonNode page = remote.get("/api/v1/functions/" + URLEncoder.encode(function.getKey(),
                        StandardCharsets.UTF_8) + "/logs?limit=1000&since=" + function.getValue().toEpochMilli());
                Instant latest = function.getValue();
                for (JsonNode line : page.get("lines")) {
                    String id = line.path("member").asText() + "|" + line.path("invocationId").asText() + "|"
                            + line.path("time").asText() + "|" + line.path("message").asText();
                    if (printed.add(id)) {
                        out.printf("[%s %s] %s %s%n", function.getKey(), line.path("version").asText(),
                                line.path("level").asText(), line.path("message").asText());
                    }
                    Instant time = Instant.parse(line.get("time").asText());
                    latest = time.isAfter(latest) ? time : latest;
                }
                // Lines at the same millisecond as the latest may still come: ask from it again, and skip those printed.
                logsSince.put(function.getKey(), latest);
                out.flush();
            } catch (RuntimeException e) {
                // the node may be restarting: the next round asks again
            }
        }
    }

    private void readEnvFile() {
        List<String> lines;
        try {
            lines = Files.readAllLines(envFile);
        } catch (IOException e) {
            throw new Remote.Failure(2, "cannot read the env file " + envFile + ": " + e.getMessage());
        }
        for (String line : lines) {
            String assignment = line.strip().replaceFirst("^export\\s+", "");
            int equals = assignment.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = assignment.substring(0, equals).strip();
            String value = assignment.substring(equals + 1).strip().replaceAll("^['\"]|['\"]$", "");
            if (key.equals("GRIDLET_URL")) {
                remote.url = value;
            } else if (key.equals("GRIDLET_TOKEN")) {
                remote.token = value;
            }
        }
    }

    /** The newest jar under target/ that the build made (not sources, javadoc or test jars). */
    private static Path jar(Path project) {
        try (Stream<Path> files = Files.list(project.resolve("target"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .filter(file -> !file.getFileName().toString().matches(".*-(sources|javadoc|tests)\\.jar|original-.*"))
                    .max(java.util.Comparator.comparingLong(file -> file.toFile().lastModified())).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** What changes when a file under src/ is added, removed or edited. */
    private static String fingerprint(Path project) {
        Path src = project.resolve("src");
        if (!Files.isDirectory(src)) {
            return "";
        }
        Set<String> parts = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(Files::isRegularFile).sorted().forEach(file -> {
                java.io.File plain = file.toFile();
                parts.add(file + ":" + plain.lastModified() + ":" + plain.length());
            });
        } catch (IOException e) {
            return "unreadable " + e.getMessage();
        }
        return String.join("\n", parts);
    }

    private static Path relative(Path target) {
        Path here = Path.of("").toAbsolutePath();
        return target.startsWith(here) && !target.equals(here) ? here.relativize(target) : target;
    }
}
