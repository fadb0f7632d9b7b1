package io.gridlet.samples.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command as a user would from a shell, and keeps what it printed. */
final class Commands {

    private Commands() {
    }

    /** How a command ended: its exit code (-1 if it did not end in time), what it printed, and how long it took. */
    record Result(int exitCode, String output, Duration took) {
    }

    static Result run(Path directory, Map<String, String> env, Duration timeout, String... command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("gridlet-command-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().putAll(env);
            long started = System.nanoTime();
            Process process = builder.start();
            process.getOutputStream().close();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            return new Result(finished ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8), took);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
