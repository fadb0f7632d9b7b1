package io.gridlet.benchmarks.peers;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A grid's member processes: each a JVM of its own, with the same heap and collector for every
 * grid, started with this process's class path; ready when it prints a line starting
 * {@code READY}. Their output goes to a log file each.
 */
public final class MemberProcesses implements AutoCloseable {

    /** The same for every grid's members. */
    public static final List<String> JVM = List.of("-Xmx768m", "-XX:+UseParallelGC",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED", "--add-opens", "java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent.locks=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens", "java.base/java.math=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED", "--add-opens", "java.base/java.time=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens", "java.base/jdk.internal.access=ALL-UNNAMED",
            "--add-opens", "java.base/sun.security.x509=ALL-UNNAMED", "--add-opens", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true");

    /**
     * A system property of the driver's: more JVM options for every member, for example a Java
     * Flight Recorder recording ({@code -XX:StartFlightRecording=filename=/tmp/member-%d.jfr}).
     */
    public static final String MEMBER_OPTIONS = "gridlet.peers.member-options";

    private final List<Process> members = new ArrayList<>();

    /**
     * Starts one member per argument list, all at once, and waits until each is ready.
     *
     * @param systemProperties {@code -D} options of the grid's own, the same for every member
     * @param mainClass        the member's main class
     * @param arguments        each member's arguments
     * @param logs             where each member's output goes, {@code member-N.log}
     */
    public static MemberProcesses start(List<String> systemProperties, String mainClass, List<List<String>> arguments,
                                        Path logs, long readySeconds) throws IOException {
        MemberProcesses started = new MemberProcesses();
        Files.createDirectories(logs);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<CompletableFuture<Boolean>> ready = new ArrayList<>();
        try {
            for (int i = 0; i < arguments.size(); i++) {
                List<String> command = new ArrayList<>();
                command.add(java);
                command.addAll(JVM);
                command.addAll(systemProperties);
                String extra = System.getProperty(MEMBER_OPTIONS, "").trim();
                if (!extra.isEmpty()) {
                    // A recording per member: %d in an option becomes the member's number.
                    for (String option : extra.split("\\s+")) {
                        command.add(option.replace("%d", Integer.toString(i)));
                    }
                }
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
                command.addAll(arguments.get(i));
                Process member = new ProcessBuilder(command).redirectErrorStream(true).start();
                started.members.add(member);
                // Copied from the start, every member at once: a member whose output nobody reads
                // blocks once the pipe is full, and one that others wait for to form the cluster
                // (with -XX:+PrintCompilation, say) would keep them all from being ready.
                ready.add(copyOutput(member, logs.resolve("member-" + i + ".log")));
            }
            for (int i = 0; i < started.members.size(); i++) {
                awaitReady(ready.get(i), logs.resolve("member-" + i + ".log"), readySeconds);
            }
            return started;
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** Copies the member's output to its log; completes true once it printed READY, false if it ended first. */
    private static CompletableFuture<Boolean> copyOutput(Process member, Path log)
            throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
        BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread copy = new Thread(() -> {
            try (out) {
                for (String line; (line = lines.readLine()) != null; ) {
                    out.write(line);
                    out.newLine();
                    if (line.startsWith("READY")) {
                        out.flush();
                        ready.complete(true);
                    }
                }
            } catch (IOException ignored) {
                // the member stopped
            }
            ready.complete(false);
        }, "member-output");
        copy.setDaemon(true);
        copy.start();
        return ready;
    }

    /** Returns once the member printed READY. */
    private static void awaitReady(CompletableFuture<Boolean> ready, Path log, long readySeconds) {
        boolean up;
        try {
            up = ready.get(readySeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a member was not ready within " + readySeconds + " s; see " + log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a member started", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (!up) {
            throw new IllegalStateException("a member exited before it was ready; see " + log);
        }
    }

    /** Writes a line to a member's standard input: a command, for a member that reads them. */
    public void send(int member, String line) throws IOException {
        java.io.OutputStream in = members.get(member).getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Stops every member (SIGTERM, then SIGKILL after 20 s) and waits for them. */
    @Override
    public void close() {
        members.forEach(Process::destroy);
        for (Process member : members) {
            try {
                if (!member.waitFor(20, TimeUnit.SECONDS)) {
                    member.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                member.destroyForcibly();
            }
        }
    }
}
