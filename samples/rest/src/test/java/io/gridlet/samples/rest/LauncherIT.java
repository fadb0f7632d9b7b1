package io.gridlet.samples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gridlet} behaves like a command line: with no command, {@code --help} or {@code -h} it
 * prints the commands and exits 0 without starting anything; {@code ./gridlet new} refuses what it
 * cannot make with exit code 2 and a message naming the problem.
 */
class LauncherIT {

    private static final Path GRIDLET = GuideBlocks.ROOT.resolve("gridlet");

    @Test
    void noCommandHelpAndDashHPrintTheCommandsExitZeroAndOpenNoPort() throws Exception {
        for (List<String> command : List.<List<String>>of(List.of(), List.of("--help"), List.of("-h"))) {
            List<String> line = new java.util.ArrayList<>(List.of(GRIDLET.toString()));
            line.addAll(command);
            Path out = Files.createTempFile("launcher-", ".log");
            Process process = new ProcessBuilder(line).directory(GuideBlocks.ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            Set<Integer> listening = new HashSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // Watched while it runs: a node would listen on its member and HTTP ports, and never exit.
            while (process.isAlive() && System.nanoTime() < deadline) {
                listening.addAll(listeningPorts(process));
                process.waitFor(20, TimeUnit.MILLISECONDS);
            }
            boolean exited = !process.isAlive();
            if (!exited) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            String output = Files.readString(out);
            assertThat(exited).as("./gridlet %s exited within 20 s:\n%s", command, output).isTrue();
            assertThat(process.exitValue()).as("./gridlet %s:\n%s", command, output).isZero();
            assertThat(listening).as("ports ./gridlet %s listened on", command).isEmpty();
            assertThat(output).contains("Commands:").contains("demo").contains("new").contains("dev").contains("deploy")
                    .contains("invoke").contains("node [--flag=value ...]").doesNotContain("Hazelcast");
        }
    }

    @Test
    void newRefusesABadNameANonEmptyDirectoryAndAMissingNameWithExitCodeTwo(@TempDir Path dir) throws Exception {
        Commands.Result badName = Commands.run(dir, Map.of(), Duration.ofMinutes(1), GRIDLET.toString(), "new",
                "not a name!");
        assertThat(badName.exitCode()).as(badName.output()).isEqualTo(2);
        assertThat(badName.output()).contains("not a function name").contains("may hold only letters");

        Files.createDirectories(dir.resolve("taken"));
        Files.writeString(dir.resolve("taken/README.md"), "mine");
        Commands.Result notEmpty = Commands.run(dir, Map.of(), Duration.ofMinutes(1), GRIDLET.toString(), "new",
                "orders", "--dir", dir.resolve("taken").toString());
        assertThat(notEmpty.exitCode()).as(notEmpty.output()).isEqualTo(2);
        assertThat(notEmpty.output()).contains("exists and is not empty").contains("taken");
        assertThat(Files.readString(dir.resolve("taken/README.md"))).isEqualTo("mine");

        Commands.Result missing = Commands.run(dir, Map.of(), Duration.ofMinutes(1), GRIDLET.toString(), "new");
        assertThat(missing.exitCode()).as(missing.output()).isEqualTo(2);
        assertThat(missing.output()).contains("Missing required parameter").contains("NAME");

        Commands.Result badPackage = Commands.run(dir, Map.of(), Duration.ofMinutes(1), GRIDLET.toString(), "new",
                "orders", "--package", "com.example.class", "--dir", dir.resolve("fresh").toString());
        assertThat(badPackage.exitCode()).as(badPackage.output()).isEqualTo(2);
        assertThat(badPackage.output()).contains("not a Java package name").contains("class is a keyword");
        assertThat(dir.resolve("fresh")).doesNotExist();
    }

    /** The TCP ports a process and its children listen on, from /proc. */
    private static Set<Integer> listeningPorts(Process process) throws IOException {
        Set<String> sockets = new HashSet<>();
        List<ProcessHandle> handles = new java.util.ArrayList<>(List.of(process.toHandle()));
        process.descendants().forEach(handles::add);
        for (ProcessHandle handle : handles) {
            Path fds = Path.of("/proc", Long.toString(handle.pid()), "fd");
            try (var entries = Files.list(fds)) {
                entries.forEach(fd -> {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            sockets.add(target.substring(8, target.length() - 1));
                        }
                    } catch (IOException gone) {
                        // closed meanwhile
                    }
                });
            } catch (IOException gone) {
                // the process ended meanwhile
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String row : Files.readAllLines(Path.of(table))) {
                String[] fields = row.trim().split("\\s+");
                // local address, state 0A (LISTEN), inode
                if (fields.length > 9 && fields[3].equals("0A") && sockets.contains(fields[9])) {
                    ports.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
