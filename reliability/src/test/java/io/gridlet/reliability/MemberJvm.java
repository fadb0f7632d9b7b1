package io.gridlet.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FaultMember} in a JVM of its own: killed with SIGKILL, stopped with SIGTERM, paused with
 * SIGSTOP; or, for the partition scenario, any of the suite's mains started inside a network
 * namespace. It answers commands line by line on its standard input and output.
 */
final class MemberJvm implements AutoCloseable {

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final UUID uuid;
    private final int port;

    private MemberJvm(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
                 Writer kept = java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                         java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    kept.write(port + " " + line + "\n");
                    kept.flush();
                }
            } catch (IOException ignored) {
                // the process died; its output ends here
            }
        }, "member-" + port + "-output");
        reader.setDaemon(true);
        reader.start();
        this.uuid = UUID.fromString(await("READY", 120).substring("READY ".length()));
    }

    /** Starts a member on loopback and waits until it joined its cluster. */
    static MemberJvm start(String cluster, int port, List<String> seeds, Path log) {
        return start(List.of(), "127.0.0.1", cluster, port, seeds, log);
    }

    /**
     * Starts a member bound to {@code host}, its command behind {@code prefix} (for example
     * {@code ip netns exec NAME}), and waits until it joined its cluster.
     */
    static MemberJvm start(List<String> prefix, String host, String cluster, int port, List<String> seeds, Path log) {
        return launch(prefix, FaultMember.class, List.of(cluster, Integer.toString(port), String.join(",", seeds), host),
                port, host.equals("127.0.0.1") ? Integer.toString(port) : host, log);
    }

    /**
     * Starts {@code main} with {@code args} behind {@code prefix}, and waits for its {@code READY}
     * line; its output is kept in a file named after {@code label}.
     */
    static MemberJvm launch(List<String> prefix, Class<?> main, List<String> args, int port, String label, Path log) {
        List<String> command = new java.util.ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new MemberJvm(process, port, log.resolveSibling(log.getFileName() + "." + label + ".out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    UUID uuid() {
        return uuid;
    }

    int port() {
        return port;
    }

    /** Sends a command and returns the rest of its answer line, which starts with {@code answer}. */
    String command(String line, String answer) {
        return command(line, answer, 60);
    }

    /** As {@link #command(String, String)}, waiting up to {@code timeoutSeconds} for the answer. */
    String command(String line, String answer, int timeoutSeconds) {
        try {
            commands.write(line + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String reply = await("^(" + answer + "|ERROR) .*", timeoutSeconds);
        if (reply.startsWith("ERROR")) {
            throw new IllegalStateException("member on port " + port + " answered " + line + " with " + reply);
        }
        return reply.substring(answer.length() + 1);
    }

    private String await(String pattern, int timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && (pattern.startsWith("^") ? line.matches(pattern) : line.startsWith(pattern + " "))) {
                    return line;
                }
                if (line == null && !process.isAlive()) {
                    throw new IllegalStateException("member on port " + port + " exited with " + process.exitValue());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("member on port " + port + " said no '" + pattern + "' in " + timeoutSeconds + " s");
    }

    /** SIGKILL: no graceful shutdown, no migration, no goodbye. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: the member leaves gracefully (its partitions migrate first) and the JVM exits. */
    void stop() {
        process.destroy();
        waitForExit();
    }

    /** SIGSTOP: the JVM freezes, with its sockets open; the others stop hearing from it. */
    void pause() {
        signal("STOP");
    }

    /** SIGCONT: the frozen JVM runs on, and finds the cluster went on without it. */
    void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + kill.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending SIG" + name, e);
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            signal("CONT");
            kill();
        }
    }
}
