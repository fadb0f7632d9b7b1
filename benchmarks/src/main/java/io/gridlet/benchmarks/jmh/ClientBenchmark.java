package io.gridlet.benchmarks.jmh;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import io.gridlet.benchmarks.harness.BenchFunctions;
import io.gridlet.benchmarks.harness.RawTasks;
import io.gridlet.node.GridNode;
import io.gridlet.node.GridletClient;
import io.gridlet.node.Invocation;
import io.gridlet.node.KeyRoutedTransport;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One read-modify-write of an entry from a client (not a member), on 3 members: Gridlet through
 * {@link GridletClient} against raw Hazelcast through a plain client ({@code submitToKeyOwner}
 * with a callable, {@code executeOnKey} with an entry processor), and what keeping a record
 * costs (an idempotency key per call; a transactional function).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class ClientBenchmark {

    static final String MAP = "counters";

    List<GridNode> nodes;
    GridletClient gridlet;
    HazelcastInstance raw;
    IMap<String, Long> rawMap;
    IExecutorService rawExecutor;
    String key;
    Invocation increment;
    Invocation incrementTransactional;
    final AtomicLong ids = new AtomicLong();



    @Setup(Level.Trial)
    public void start() {
        nodes = Members.start(3, KeyRoutedTransport.ENTRY_PROCESSOR, config -> config.getSerializationConfig()
                .addDataSerializableFactory(RawTasks.FACTORY_ID, RawTasks.factory()));
        nodes.forEach(node -> {
            node.functions().register(BenchFunctions.Increment.class);
            node.functions().register(BenchFunctions.TransactionalIncrement.class);
        });
        List<String> addresses = nodes.stream()
                .map(node -> "127.0.0.1:" + node.localMember().getAddress().getPort()).toList();
        String cluster = nodes.get(0).hazelcast().getConfig().getClusterName();
        gridlet = GridletClient.builder().clusterName(cluster).addresses(addresses).connect();
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster);
        config.getNetworkConfig().addAddress(addresses.toArray(new String[0]));
        RawTasks.configure(config);
        raw = HazelcastClient.newHazelcastClient(config);
        rawMap = raw.getMap(MAP);
        rawExecutor = raw.getExecutorService("raw");
        key = "counter-0";
        rawMap.set(key, 0L);
        increment = Invocation.of("bench.increment").onKey(MAP, key).build();
        incrementTransactional = Invocation.of("bench.increment.tx").onKey(MAP, key).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        gridlet.close();
        raw.shutdown();
        Members.stop(nodes);
    }

    @Benchmark
    public Long gridletClient() {
        return gridlet.invoker().invoke(increment, Long.class);
    }

    @Benchmark
    public Long rawSubmitToKeyOwner() throws ExecutionException, InterruptedException {
        return rawExecutor.submitToKeyOwner(new RawTasks.OwnerIncrement(MAP, key), key).get();
    }

    @Benchmark
    public Long rawEntryProcessor() {
        return rawMap.executeOnKey(key, new RawTasks.Increment());
    }

    @Benchmark
    public Long gridletIdempotent() {
        return gridlet.invoker().invoke(Invocation.of("bench.increment").onKey(MAP, key)
                .idempotencyKey("i-" + ids.incrementAndGet()).build(), Long.class);
    }

    @Benchmark
    public Long gridletTransactional() {
        return gridlet.invoker().invoke(Invocation.of("bench.increment.tx").onKey(MAP, key)
                .idempotencyKey("t-" + ids.incrementAndGet()).build(), Long.class);
    }
}
