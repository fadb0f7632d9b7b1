package io.gridlet.benchmarks.peers;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridlet.benchmarks.harness.Payloads;
import io.gridlet.benchmarks.harness.RawTasks;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Hazelcast 5.7 alone, the engine Gridlet runs on: the same three members as {@link GridletPeer}
 * (Gridlet's {@link BenchMember}, whose Hazelcast settings are Gridlet's), driven through
 * Hazelcast's own client with plain entry processors, which run on the key's partition thread
 * ({@code executeOnKey}), and {@code IMap.aggregate} for the sum. Not a peer a user chooses
 * instead of Gridlet: the floor under it, so that the report says which part of a gap to a peer
 * is Gridlet's and which is its engine's.
 */
public final class HazelcastPeer implements Peer {

    private MemberProcesses members;
    private HazelcastInstance client;

    @Override
    public String name() {
        return "hazelcast";
    }

    @Override
    public void start(List<Integer> ports, Path workDirectory) throws Exception {
        GridletPeer.Members started = GridletPeer.Members.start(ports, workDirectory);
        members = started.processes();
        ClientConfig config = new ClientConfig();
        config.setClusterName(started.cluster());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().addAddress(started.seeds().toArray(new String[0]));
        RawTasks.configure(config);
        client = HazelcastClient.newHazelcastClient(config);
        started.awaitJoined(() -> client.getCluster().getMembers().size(), "Hazelcast");
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("version", "Hazelcast " + com.hazelcast.instance.BuildInfoProvider.getBuildInfo().getVersion()
                + ", on the same members as Gridlet");
        settings.put("members", "3 JVMs (" + String.join(" ", MemberProcesses.JVM.subList(0, 2)) + "), BenchMember");
        settings.put("client", "Hazelcast's smart client: each call goes to its key's owner");
        settings.put("backups", "1 synchronous backup (Hazelcast's default)");
        settings.put("calls", "plain entry processors (executeOnKey, on the key's partition thread; the backup confirmed"
                + " before the answer), a read-only processor for the trivial call, IMap.aggregate(longSum) for the sum");
        settings.put("left at defaults", "everything else");
        return settings;
    }

    @Override
    public Callable<Long> readModifyWrite(String map, int size) {
        IMap<String, byte[]> values = client.getMap(map);
        values.set("k", Payloads.of(size));
        RawTasks.ReadModifyWrite change = new RawTasks.ReadModifyWrite();
        return () -> values.executeOnKey("k", change);
    }

    @Override
    public Callable<Long> trivial() {
        IMap<String, Object> values = client.getMap("trivial");
        RawTasks.Nothing nothing = new RawTasks.Nothing();
        return () -> values.executeOnKey("k", nothing);
    }

    @Override
    public Callable<Long> increment(String map, String key) {
        IMap<String, Long> counters = client.getMap(map);
        RawTasks.Increment increment = new RawTasks.Increment();
        return () -> counters.executeOnKey(key, increment);
    }

    @Override
    public long counted(String map, List<String> keys) {
        IMap<String, Long> counters = client.getMap(map);
        return counters.getAll(new java.util.HashSet<>(keys)).values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void load(String map, int entries) {
        IMap<String, Long> numbers = client.getMap(map);
        Peer.numbers(entries, numbers::putAll);
    }

    @Override
    public Callable<Long> sum(String map) {
        IMap<String, Long> numbers = client.getMap(map);
        return () -> numbers.aggregate(Aggregators.longSum());
    }

    @Override
    public void close() {
        if (client != null) {
            client.shutdown();
        }
        if (members != null) {
            members.close();
        }
    }
}
