package io.gridlet.benchmarks.peers.coherence;

import com.tangosol.net.CacheFactory;
import com.tangosol.net.Coherence;
import com.tangosol.net.DistributedCacheService;
import com.tangosol.net.Member;
import com.tangosol.net.NamedCache;
import com.tangosol.net.Session;
import com.tangosol.util.ValueExtractor;
import com.tangosol.util.aggregator.LongSum;
import io.gridlet.benchmarks.harness.Payloads;
import io.gridlet.benchmarks.peers.MemberProcesses;
import io.gridlet.benchmarks.peers.Peer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Coherence CE: three storage-enabled members ({@link CoherenceMember}) on loopback, and this
 * process as a storage-disabled member, Coherence's own client that sends each request straight to
 * the entry's owner (as Hazelcast's smart client does; Coherence*Extend would add a proxy's hop).
 * Read-modify-write, the trivial call and the increment are entry processors; the sum is an
 * aggregator.
 */
public final class CoherencePeer implements Peer {

    static final String WARM_CACHE = "warm";

    private MemberProcesses members;
    private Coherence client;
    private Session session;
    private final Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public String name() {
        return "coherence";
    }

    @Override
    public void start(List<Integer> ports, Path workDirectory) throws Exception {
        // Members share one cluster port (Coherence's port sharing), each with an ephemeral unicast port.
        properties.put("coherence.cluster", "peers-" + UUID.randomUUID().toString().substring(0, 8));
        properties.put("coherence.clusterport", Integer.toString(ports.get(0)));
        properties.put("coherence.wka", "127.0.0.1");
        properties.put("coherence.localhost", "127.0.0.1");
        properties.put("coherence.ttl", "0");
        properties.put("coherence.log.level", "3");
        List<String> options = new ArrayList<>();
        properties.forEach((key, value) -> options.add("-D" + key + "=" + value));
        List<List<String>> arguments = List.of(List.of(), List.of(), List.of());
        members = MemberProcesses.start(options, CoherenceMember.class.getName(), arguments, workDirectory, 180);
        properties.forEach(System::setProperty);
        System.setProperty("coherence.distributed.localstorage", "false");
        System.setProperty("coherence.log.level", "2");
        client = Coherence.clusterMember().start().get(2, TimeUnit.MINUTES);
        session = client.getSession();
        awaitBalanced(session.getCache(WARM_CACHE));
    }

    /** Waits until the three storage members own the partitions between them, each its share. */
    private static void awaitBalanced(NamedCache<?, ?> cache) {
        DistributedCacheService service = (DistributedCacheService) cache.getCacheService();
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < until) {
            Set<Member> owners = service.getOwnershipEnabledMembers();
            if (owners.size() == 3) {
                int count = service.getPartitionCount();
                int least = owners.stream().mapToInt(member -> service.getOwnedPartitions(member).cardinality()).min()
                        .orElse(0);
                int all = owners.stream().mapToInt(member -> service.getOwnedPartitions(member).cardinality()).sum();
                if (all == count && least >= count / 3 - 1) {
                    return;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new IllegalStateException("Coherence's partitions did not settle on its three members within 120 s");
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("version", "Coherence CE " + CacheFactory.VERSION);
        settings.put("members", "3 JVMs (" + String.join(" ", MemberProcesses.JVM.subList(0, 2))
                + "), Coherence.clusterMember() with the default cache configuration");
        settings.put("client", "a storage-disabled cluster member in the driver (coherence.distributed.localstorage=false):"
                + " requests go straight to the owner");
        settings.put("backups", "1 (coherence.distributed.backupcount, its default)");
        settings.put("partitions", "257 (default)");
        settings.put("calls", "entry processors (ExternalizableLite) for read-modify-write, the trivial call and the"
                + " increment; LongSum over the identity extractor for the sum");
        settings.put("cluster", "WKA 127.0.0.1, one shared cluster port, ttl 0: " + properties);
        settings.put("left at defaults", "the distributed service's threads and everything else: a user starts there,"
                + " and Gridlet runs on its defaults too");
        return settings;
    }

    @Override
    public Callable<Long> readModifyWrite(String map, int size) {
        NamedCache<String, byte[]> cache = session.getCache(map);
        cache.put("k", Payloads.of(size));
        Processors.ReadModifyWrite processor = new Processors.ReadModifyWrite();
        return () -> cache.invoke("k", processor);
    }

    @Override
    public Callable<Long> trivial() {
        NamedCache<String, Object> cache = session.getCache("trivial");
        Processors.Trivial processor = new Processors.Trivial();
        return () -> cache.invoke("k", processor);
    }

    @Override
    public Callable<Long> increment(String map, String key) {
        NamedCache<String, Long> cache = session.getCache(map);
        Processors.Increment processor = new Processors.Increment();
        return () -> cache.invoke(key, processor);
    }

    @Override
    public long counted(String map, List<String> keys) {
        NamedCache<String, Long> cache = session.getCache(map);
        return cache.getAll(keys).values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void load(String map, int entries) {
        NamedCache<String, Long> cache = session.getCache(map);
        Peer.numbers(entries, cache::putAll);
    }

    @Override
    public Callable<Long> sum(String map) {
        NamedCache<String, Long> cache = session.getCache(map);
        LongSum<Long> sum = new LongSum<>(ValueExtractor.identity());
        return () -> cache.aggregate(sum);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            Coherence.closeAll();
            CacheFactory.shutdown();
        }
        if (members != null) {
            members.close();
        }
    }
}
