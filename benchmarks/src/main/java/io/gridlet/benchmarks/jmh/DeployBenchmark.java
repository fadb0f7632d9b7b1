package io.gridlet.benchmarks.jmh;

import io.gridlet.api.GridFunction;
import io.gridlet.node.GridNode;
import io.gridlet.node.Invocation;
import io.gridlet.node.KeyRoutedTransport;
import io.gridlet.node.DeployOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
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
 * How fast a deploy becomes a running function, on 3 members:
 * <ul>
 *   <li>{@code deployToInvocableEverywhere}: deploy a new version, then invoke it on each member
 *       (each call routed to a key the member owns): one sample per iteration, 10 iterations;</li>
 *   <li>{@code firstInvocationOfNewVersion}: the first call of a version deployed just before
 *       (its class initialised, its decoder built: the cold start), against
 *       {@code warmInvocation} of a version that has run many times.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class DeployBenchmark {

    List<GridNode> nodes;
    byte[] jar;
    int version;
    String current;
    List<String> ownKeys;
    Invocation warm;

    @Setup(Level.Trial)
    public void start() {
        nodes = Members.start(3, KeyRoutedTransport.ENTRY_PROCESSOR, config -> { });
        jar = jarOf(DeployedEcho.class, DeployedEcho.Message.class);
        ownKeys = nodes.stream().map(node -> Members.localKey(node, "k")).toList();
        nodes.get(0).deployments().deploy(jar, DeployOptions.version("warm"));
        warm = Invocation.of("bench.echo").version("warm").key(ownKeys.get(1))
                .input(Map.of("text", "hi", "count", 1)).build();
    }

    @Setup(Level.Iteration)
    public void nextVersion() {
        current = "v" + (++version);
    }

    @TearDown(Level.Trial)
    public void stop() {
        Members.stop(nodes);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public int deployToInvocableEverywhere() {
        nodes.get(version % 3).deployments().deploy(jar, DeployOptions.version(current));
        int answered = 0;
        for (int i = 0; i < nodes.size(); i++) {
            answered += invoke(nodes.get(i), current, ownKeys.get(i)) != null ? 1 : 0;
        }
        return answered;
    }

    /** Deploys a fresh version in the iteration's setup, so only the first call is timed. */
    @State(Scope.Benchmark)
    public static class Fresh {
        String version;

        @Setup(Level.Iteration)
        public void deploy(DeployBenchmark bench) {
            version = "cold" + (++bench.version);
            bench.nodes.get(0).deployments().deploy(bench.jar, DeployOptions.version(version));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public Object firstInvocationOfNewVersion(Fresh fresh) {
        return invoke(nodes.get(1), fresh.version, ownKeys.get(1));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public Object warmInvocation() {
        return nodes.get(0).invoker().invoke(warm, Object.class);
    }

    private static Object invoke(GridNode caller, String version, String key) {
        return caller.invoker().invoke(Invocation.of("bench.echo").version(version).key(key)
                .input(Map.of("text", "hi", "count", 1)).build(), Object.class);
    }

    /** A function jar made of classes copied from this module's own class path. */
    static byte[] jarOf(Class<? extends GridFunction<?, ?>> function, Class<?>... others) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            for (Class<?> type : concat(function, others)) {
                String path = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(path));
                try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
                    out.write(in.readAllBytes());
                }
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/io.gridlet.api.GridFunction"));
            out.write(function.getName().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<Class<?>> concat(Class<?> first, Class<?>... rest) {
        java.util.ArrayList<Class<?>> all = new java.util.ArrayList<>(List.of(rest));
        all.add(0, first);
        return all;
    }
}
