package io.gridlet.benchmarks.jmh;

import com.hazelcast.map.IMap;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.GridNode;
import io.gridlet.node.Invocation;
import io.gridlet.node.KeyRoutedTransport;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The floor of an invocation: a trivial function on a key this member owns, against one
 * {@code IMap.get} of the same key. Both stay in the JVM; the difference is Gridlet's own cost
 * (envelope, offload to the invocation executor, codec, meters).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class LocalInvokeBenchmark {

    static final String MAP = "bench";

    List<GridNode> nodes;
    GridNode node;
    IMap<String, String> map;
    String key;
    Invocation trivialOnKey;
    Invocation trivialByKey;

    @Setup(Level.Trial)
    public void start() {
        nodes = Members.start(1, KeyRoutedTransport.ENTRY_PROCESSOR, config -> { });
        node = nodes.get(0);
        node.functions().register(FunctionSpec.named("trivial").build(), Object.class, (input, ctx) -> 1L);
        map = node.hazelcast().getMap(MAP);
        key = Members.localKey(node, "k");
        map.set(key, "x".repeat(100));
        trivialOnKey = Invocation.of("trivial").onKey(MAP, key).build();
        trivialByKey = Invocation.of("trivial").key(key).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        Members.stop(nodes);
    }

    @Benchmark
    public String mapGet() {
        return map.get(key);
    }

    @Benchmark
    public Object gridletTrivialOnKey() {
        return node.invoker().invoke(trivialOnKey, Long.class);
    }

    @Benchmark
    public Object gridletTrivialByKey() {
        return node.invoker().invoke(trivialByKey, Long.class);
    }
}
