package io.gridlet.benchmarks.jmh;

import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import io.gridlet.benchmarks.harness.BenchFunctions;
import io.gridlet.benchmarks.harness.RawTasks;
import io.gridlet.node.GridNode;
import io.gridlet.node.Invocation;
import io.gridlet.node.KeyRoutedTransport;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One read-modify-write of an entry on another member (3 members on loopback, in one JVM):
 * Gridlet over each key-routed transport, against raw {@code executeOnKey} with an entry
 * processor, raw {@code submitToKeyOwner} with a callable, and fetch-compute-put ({@code get},
 * add one in the caller, {@code set}). A first cluster measurement; the multi-process harness
 * measures the same with a separate client.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class TransportBenchmark {

    static final String MAP = "counters";

    @Param({"ENTRY_PROCESSOR", "EXECUTOR"})
    public KeyRoutedTransport transport;

    List<GridNode> nodes;
    GridNode caller;
    IMap<String, Long> map;
    IExecutorService executor;
    String key;
    Invocation increment;


    @Setup(Level.Trial)
    public void start() {
        nodes = Members.start(3, transport, config -> config.getSerializationConfig()
                .addDataSerializableFactory(RawTasks.FACTORY_ID, RawTasks.factory()));
        nodes.forEach(node -> node.functions().register(BenchFunctions.Increment.class));
        caller = nodes.get(0);
        map = caller.hazelcast().getMap(MAP);
        executor = caller.hazelcast().getExecutorService("raw");
        key = Members.remoteKey(caller, "counter-");
        map.set(key, 0L);
        increment = Invocation.of("bench.increment").onKey(MAP, key).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        Members.stop(nodes);
    }

    @Benchmark
    public Long gridlet() {
        return caller.invoker().invoke(increment, Long.class);
    }

    @Benchmark
    public Long rawEntryProcessor() {
        return map.executeOnKey(key, new RawTasks.Increment());
    }

    @Benchmark
    public Long rawSubmitToKeyOwner() throws ExecutionException, InterruptedException {
        return executor.submitToKeyOwner(new RawTasks.OwnerIncrement(MAP, key), key).get();
    }

    @Benchmark
    public Long fetchComputePut() {
        Long current = map.get(key);
        long next = (current == null ? 0 : current) + 1;
        map.set(key, next);
        return next;
    }
}
