package io.gridlet.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network of this test's own, in Linux network namespaces: one namespace per member, each
 * joined by a veth pair to a hub namespace that routes between them and runs the driver. The
 * addresses ({@code 10.231.N.2} for member N, {@code 10.231.N.1} the hub's side) exist only in
 * these namespaces, and no namespace has a route out of them. A cut is made in the hub with
 * policy rules that blackhole packets, so the cut-off side hears nothing, as in a real partition:
 * no reset, no "unreachable", just silence. Needs root and {@code ip} (iproute2).
 */
final class PartitionNetwork implements AutoCloseable {

    private static final String PREFIX = "gridlet-pt-";

    private final String id;
    private final int members;
    private final List<String> rules = new ArrayList<>();
    private final Thread cleanup = new Thread(this::removeNamespaces, "partition-network-cleanup");

    private PartitionNetwork(String id, int members) {
        this.id = id;
        this.members = members;
    }

    /** Why this machine cannot make the network, or empty when it can. */
    static Optional<String> unavailable() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Optional.of("network namespaces need Linux");
        }
        try {
            if (!run(false, "id", "-u").strip().equals("0")) {
                return Optional.of("network namespaces need root");
            }
            String probe = PREFIX + "probe-" + ProcessHandle.current().pid();
            run(true, "ip", "netns", "add", probe);
            run(true, "ip", "netns", "delete", probe);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("cannot create a network namespace here: " + e.getMessage());
        }
    }

    /** Makes a hub and {@code members} member namespaces, wired and routed. */
    static PartitionNetwork create(int members) {
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        PartitionNetwork network = new PartitionNetwork(id, members);
        Runtime.getRuntime().addShutdownHook(network.cleanup);
        try {
            network.build();
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    private void build() {
        run(true, "ip", "netns", "add", hub());
        run(true, "ip", "-n", hub(), "link", "set", "lo", "up");
        run(true, "ip", "netns", "exec", hub(), "sysctl", "-qw", "net.ipv4.ip_forward=1");
        for (int m = 0; m < members; m++) {
            String ns = member(m);
            String hubSide = "gv" + id + m + "h";
            String memberSide = "gv" + id + m + "m";
            run(true, "ip", "netns", "add", ns);
            run(true, "ip", "-n", ns, "link", "set", "lo", "up");
            run(true, "ip", "link", "add", hubSide, "type", "veth", "peer", "name", memberSide);
            run(true, "ip", "link", "set", hubSide, "netns", hub());
            run(true, "ip", "link", "set", memberSide, "netns", ns);
            run(true, "ip", "-n", hub(), "addr", "add", subnet(m) + ".1/24", "dev", hubSide);
            run(true, "ip", "-n", hub(), "link", "set", hubSide, "up");
            run(true, "ip", "-n", ns, "addr", "add", address(m) + "/24", "dev", memberSide);
            run(true, "ip", "-n", ns, "link", "set", memberSide, "up");
            // The other members, through the hub; nothing else.
            run(true, "ip", "-n", ns, "route", "add", "10.231.0.0/16", "via", subnet(m) + ".1");
        }
    }

    String hub() {
        return PREFIX + id + "-hub";
    }

    String member(int index) {
        return PREFIX + id + "-m" + index;
    }

    private static String subnet(int index) {
        return "10.231." + (index + 1);
    }

    /** The address member {@code index} binds to. */
    static String address(int index) {
        return subnet(index) + ".2";
    }

    /** The command prefix that runs a process in member {@code index}'s namespace. */
    List<String> inMember(int index) {
        return List.of("ip", "netns", "exec", member(index));
    }

    /** The command prefix that runs a process in the hub, which reaches every member until a cut. */
    List<String> inHub() {
        return List.of("ip", "netns", "exec", hub());
    }

    /** Cuts member {@code index} off from everyone, the hub's processes included. */
    void isolate(int index) {
        rule("from", address(index), null);
        rule("to", address(index), null);
    }

    /** Cuts the two sides off from each other; the hub's processes still reach both. */
    void split(List<Integer> one, List<Integer> other) {
        for (int a : one) {
            for (int b : other) {
                rule("from", address(a), address(b));
                rule("from", address(b), address(a));
            }
        }
    }

    private void rule(String direction, String address, String to) {
        List<String> selector = new ArrayList<>(List.of(direction, address + "/32"));
        if (to != null) {
            selector.addAll(List.of("to", to + "/32"));
        }
        List<String> command = new ArrayList<>(List.of("ip", "-n", hub(), "rule", "add"));
        command.addAll(selector);
        command.add("blackhole");
        run(true, command.toArray(new String[0]));
        rules.add(String.join(" ", selector));
    }

    /** Removes every cut. */
    void heal() {
        for (String rule : rules) {
            List<String> command = new ArrayList<>(List.of("ip", "-n", hub(), "rule", "del"));
            command.addAll(List.of(rule.split(" ")));
            command.add("blackhole");
            run(true, command.toArray(new String[0]));
        }
        rules.clear();
    }

    @Override
    public void close() {
        removeNamespaces();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void removeNamespaces() {
        // Deleting a namespace removes the veth ends in it, and with them their peers.
        for (int m = 0; m < members; m++) {
            run(false, "ip", "netns", "delete", member(m));
        }
        run(false, "ip", "netns", "delete", hub());
    }

    private static String run(boolean check, String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (check && process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + ": " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }
}
