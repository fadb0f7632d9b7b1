package io.gridlet.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link MemberMain} in a JVM of its own, which a test can kill with SIGKILL. */
public final class MemberProcess implements AutoCloseable {

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final UUID uuid;

    private MemberProcess(Process process) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process died; its output ends here
            }
        }, "member-process-output");
        reader.setDaemon(true);
        reader.start();
        this.uuid = UUID.fromString(await("READY ", 90).substring("READY ".length()));
    }

    /** Starts a member and waits until it joined its cluster. */
    public static MemberProcess start(String cluster, int port, List<String> seeds, Path log, String... functions) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                MemberMain.class.getName(), cluster, Integer.toString(port), String.join(",", seeds)));
        command.addAll(List.of(functions));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new MemberProcess(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public UUID uuid() {
        return uuid;
    }

    /** Sends a command and returns its answer: the next line starting with an upper-case word and a space. */
    public String command(String line, int timeoutSeconds) {
        try {
            commands.write(line + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return await(ANSWER, timeoutSeconds);
    }

    private static final String ANSWER = "^(DEPLOYED|ERROR) .*";

    private String await(String prefix, int timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && (prefix.startsWith("^") ? line.matches(prefix) : line.startsWith(prefix))) {
                    return line;
                }
                if (line == null && !process.isAlive()) {
                    throw new IllegalStateException("member process exited with " + process.exitValue());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("member process said no '" + prefix + "' line in " + timeoutSeconds + " s");
    }

    /** SIGKILL: no graceful shutdown, no migration, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
