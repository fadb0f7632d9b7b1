package io.gridlet.benchmarks.peers;

import com.hazelcast.map.IMap;
import io.gridlet.benchmarks.harness.BenchMember;
import io.gridlet.benchmarks.harness.Payloads;
import io.gridlet.node.FanOut;
import io.gridlet.node.GridletClient;
import io.gridlet.node.Invocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Gridlet: three members ({@link BenchMember}, the harness's own, with the bench functions
 * registered), and the Gridlet client. Each scenario is a function call routed by key, run on an
 * invocation thread of the key's owner, as a function is by default; {@link OnPartitionThread}
 * runs the same functions declared for the key's partition thread.
 */
public class GridletPeer implements Peer {

    private final boolean partitionThread;
    private MemberProcesses members;
    private GridletClient client;

    /** Gridlet with functions of the default kind, run on the invocation executor. */
    public GridletPeer() {
        this(false);
    }

    GridletPeer(boolean partitionThread) {
        this.partitionThread = partitionThread;
    }

    /**
     * Gridlet with the same functions declared {@code partitionThread = true}: each runs on its
     * key's partition thread, with the entry in hand, as an entry processor does.
     */
    public static final class OnPartitionThread extends GridletPeer {
        public OnPartitionThread() {
            super(true);
        }
    }

    @Override
    public String name() {
        return partitionThread ? "gridletPartitionThread" : "gridlet";
    }

    private String function(String name) {
        return partitionThread ? name + ".pt" : name;
    }

    @Override
    public void start(List<Integer> ports, Path workDirectory) throws Exception {
        Members started = Members.start(ports, workDirectory);
        members = started.processes();
        client = GridletClient.builder().clusterName(started.cluster()).addresses(started.seeds()).connect();
        started.awaitJoined(() -> client.hazelcast().getCluster().getMembers().size(), "Gridlet");
    }

    /**
     * Three {@link BenchMember}s of a cluster of their own, on the ports given: Gridlet's members,
     * which Hazelcast alone ({@link HazelcastPeer}) runs on too.
     */
    record Members(String cluster, List<String> seeds, MemberProcesses processes) {

        static Members start(List<Integer> ports, Path workDirectory) throws java.io.IOException {
            String cluster = "peers-" + UUID.randomUUID().toString().substring(0, 8);
            List<String> seeds = ports.stream().map(port -> "127.0.0.1:" + port).toList();
            List<List<String>> arguments = new ArrayList<>();
            for (int port : ports) {
                arguments.add(List.of(cluster, Integer.toString(port), String.join(",", seeds)));
            }
            return new Members(cluster, seeds,
                    MemberProcesses.start(List.of(), BenchMember.class.getName(), arguments, workDirectory, 120));
        }

        /** Waits until a client sees every member, at most 60 s. */
        void awaitJoined(java.util.function.IntSupplier seen, String grid) {
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.getAsInt() < seeds.size()) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("the " + grid + " members did not form one cluster within 60 s");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("version", "Gridlet at commit " + io.gridlet.benchmarks.harness.Harness.commit()
                + " on Hazelcast " + com.hazelcast.instance.BuildInfoProvider.getBuildInfo().getVersion());
        settings.put("members", "3 JVMs (" + String.join(" ", MemberProcesses.JVM.subList(0, 2)) + "), BenchMember");
        settings.put("client", "GridletClient (Hazelcast's smart client: each call goes to its key's owner)");
        settings.put("backups", "1 synchronous backup (Hazelcast's default)");
        settings.put("partitions", "271 (default)");
        settings.put("calls", partitionThread
                ? "functions bench.rmw.pt, bench.trivial.pt, bench.increment.pt, declared partitionThread = true (run on"
                + " the key's partition thread, as an entry processor); the fan-out bench.sum"
                : "functions bench.rmw, bench.trivial, bench.increment, bench.sum; plain (not partition-thread)"
                + " functions, the default");
        settings.put("left at defaults", "everything else: the node's production defaults are what a user gets");
        return settings;
    }

    @Override
    public Callable<Long> readModifyWrite(String map, int size) {
        client.hazelcast().<String, byte[]>getMap(map).set("k", Payloads.of(size));
        Invocation call = Invocation.of(function("bench.rmw")).onKey(map, "k").build();
        return () -> client.invoker().invoke(call, Long.class);
    }

    @Override
    public Callable<Long> trivial() {
        Invocation call = Invocation.of(function("bench.trivial")).key("k").build();
        return () -> client.invoker().invoke(call, Long.class);
    }

    @Override
    public Callable<Long> increment(String map, String key) {
        Invocation call = Invocation.of(function("bench.increment")).onKey(map, key).build();
        return () -> client.invoker().invoke(call, Long.class);
    }

    @Override
    public long counted(String map, List<String> keys) {
        IMap<String, Long> counters = client.hazelcast().getMap(map);
        return counters.getAll(new java.util.HashSet<>(keys)).values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void load(String map, int entries) {
        IMap<String, Long> numbers = client.hazelcast().getMap(map);
        Peer.numbers(entries, numbers::putAll);
    }

    @Override
    public Callable<Long> sum(String map) {
        FanOut sum = FanOut.of("bench.sum", map).withInput(map).withTimeout(Duration.ofMinutes(1));
        return () -> client.invoker().fanOut(sum, Long.class).reduce(0L, Long::sum);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (members != null) {
            members.close();
        }
    }
}
