package io.gridlet.management.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Gridlet checkout the launcher runs from ({@code ./gridlet} passes it as {@code gridlet.home}),
 * and Maven runs: its wrapper, the version it builds, and what the local repository holds.
 */
final class Checkout {

    private static final Pattern FIRST_VERSION = Pattern.compile("<version>([^<]+)</version>");

    private final Path root;

    private Checkout(Path root) {
        this.root = root;
    }

    /** The checkout, or a usage failure when the command was not started by {@code ./gridlet}. */
    static Checkout current() {
        String home = System.getProperty("gridlet.home");
        if (home == null || !Files.isRegularFile(Path.of(home, "mvnw"))) {
            throw new Remote.Failure(2, "this command runs from a Gridlet checkout: start it as ./gridlet in the checkout");
        }
        return new Checkout(Path.of(home).toAbsolutePath().normalize());
    }

    Path root() {
        return root;
    }

    /** The version this checkout builds: the jar's, else the root pom's. */
    String version() {
        String version = Checkout.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        try {
            Matcher first = FIRST_VERSION.matcher(Files.readString(root.resolve("pom.xml")));
            if (first.find()) {
                return first.group(1);
            }
        } catch (IOException e) {
            // reported below
        }
        throw new Remote.Failure(1, "cannot tell the version of the checkout at " + root);
    }

    /** Maven's local repository, where {@code mvn install} puts Gridlet's artifacts. */
    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Whether Gridlet's artifact is installed in the local repository at this version. */
    static boolean installed(String artifactId, String version, String extension) {
        return Files.isRegularFile(localRepository().resolve(Path.of("io", "gridlet", artifactId, version,
                artifactId + "-" + version + "." + extension)));
    }

    /** A Maven run's exit code and its output. */
    record Run(int exitCode, String output) {
    }

    /**
     * Runs Maven in {@code directory}, through {@code wrapper}, with the JVM flags of this process
     * left out; the output is kept, not shown.
     */
    static Run maven(Path wrapper, Path directory, List<String> arguments, long timeoutMinutes) {
        List<String> command = new ArrayList<>();
        command.add(wrapper.toString());
        command.addAll(arguments);
        java.nio.file.Path log;
        try {
            log = Files.createTempFile("gridlet-maven-", ".log");
        } catch (IOException e) {
            return new Run(-1, "cannot write Maven's output: " + e.getMessage());
        }
        // To a file, not a pipe: reading a pipe to its end would wait as long as Maven does,
        // whatever the timeout says.
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("MAVEN_OPTS");
        try {
            Process process = builder.start();
            boolean finished = process.waitFor(timeoutMinutes, TimeUnit.MINUTES);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return finished ? new Run(process.exitValue(), output)
                    : new Run(-1, output + "\n(Maven did not finish in " + timeoutMinutes + " minutes)");
        } catch (IOException e) {
            return new Run(-1, "cannot run " + wrapper + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted");
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }

    /** Maven's error lines from its output, or its last lines when it printed none. */
    static String errors(String output) {
        List<String> lines = output.lines().toList();
        List<String> errors = lines.stream().filter(line -> line.startsWith("[ERROR]"))
                .filter(line -> !line.startsWith("[ERROR] -> [Help") && !line.startsWith("[ERROR] Re-run Maven")
                        && !line.startsWith("[ERROR] For more information") && !line.startsWith("[ERROR] To see the full")
                        && !line.equals("[ERROR] ") && !line.startsWith("[ERROR] [Help"))
                .limit(40).toList();
        return String.join("\n", errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 30), lines.size()) : errors);
    }
}
