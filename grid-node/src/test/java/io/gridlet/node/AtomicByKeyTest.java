package io.gridlet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.IMap;
import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.FunctionFailedException;
import io.gridlet.api.GridFunction;
import io.gridlet.api.RoutedEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Concurrent key-routed updates of one entry never lose one, on either transport. */
public class AtomicByKeyTest {

    static final String MAP = "counters";

    @Function(name = "increment")
    public static final class Increment implements GridFunction<Object, Long> {
        @Override
        public Long apply(Object input, FunctionContext ctx) {
            RoutedEntry<Long> entry = ctx.entry();
            long next = (entry.get() == null ? 0 : entry.get()) + 1;
            entry.set(next);
            return next;
        }
    }

    /** Writes, then throws: the write must not stick. */
    @Function(name = "write-then-fail")
    public static final class WriteThenFail implements GridFunction<Object, Long> {
        @Override
        public Long apply(Object input, FunctionContext ctx) {
            ctx.<Long>entry().set(-1L);
            throw new IllegalStateException("changed my mind");
        }
    }

    public record Pojo(String name) {
    }

    @Function(name = "store-pojo")
    public static final class StorePojo implements GridFunction<Object, Object> {
        @Override
        public Object apply(Object input, FunctionContext ctx) {
            ctx.entry().set(new Pojo("not portable"));
            return null;
        }
    }

    @ParameterizedTest
    @EnumSource(KeyRoutedTransport.class)
    void eightThreadsTimesAThousandIncrementsOverFourKeysCountExactly8000(KeyRoutedTransport transport)
            throws Exception {
        try (TestCluster cluster = TestCluster.start(3, builder -> builder.keyRoutedTransport(transport))) {
            cluster.nodes().forEach(node -> {
                node.functions().register(Increment.class);
                node.functions().register(WriteThenFail.class);
                node.functions().register(StorePojo.class);
            });
            List<String> keys = List.of("hot-0", "hot-1", "hot-2", "hot-3");
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    GridNode caller = cluster.node(t % 3);
                    int thread = t;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < 1_000; i++) {
                            caller.invoker().invoke(Invocation.of("increment")
                                    .onKey(MAP, keys.get((thread + i) % keys.size())).build(), Long.class);
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                threads.shutdownNow();
            }
            IMap<String, Long> counters = cluster.node(0).hazelcast().getMap(MAP);
            long total = keys.stream().mapToLong(counters::get).sum();
            assertThat(total).isEqualTo(8_000);
            assertThat(keys).allSatisfy(key -> assertThat(counters.get(key)).isEqualTo(2_000L));
            if (transport == KeyRoutedTransport.EXECUTOR) {
                // Each call on a busy key starts from the value queued to be written before it, and
                // nothing else writes these keys: no call found its key changed, none ran twice.
                double retries = cluster.nodes().stream()
                        .flatMap(node -> node.meterRegistry().find("gridlet.function.retries").counters().stream())
                        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
                assertThat(retries).isZero();
            }

            // A function that throws leaves its routed entry as it was.
            assertThatThrownBy(() -> cluster.node(1).invoker()
                    .invoke(Invocation.of("write-then-fail").onKey(MAP, "hot-0").build(), Long.class))
                    .isInstanceOf(FunctionFailedException.class)
                    .hasMessageContaining("changed my mind");
            assertThat(counters.get("hot-0")).isEqualTo(2_000L);

            // A value other members could not read is refused, naming its type.
            assertThatThrownBy(() -> cluster.node(2).invoker()
                    .invoke(Invocation.of("store-pojo").onKey(MAP, "pojo").build(), Object.class))
                    .isInstanceOf(FunctionFailedException.class)
                    .hasMessageContaining(Pojo.class.getName())
                    .hasMessageContaining("cannot be stored");
            assertThat(counters.containsKey("pojo")).isFalse();

            // The key is free again: no lock leaked from the failures.
            assertThat(cluster.node(0).invoker()
                    .invoke(Invocation.of("increment").onKey(MAP, "hot-0").build(), Long.class)).isEqualTo(2_001L);
            assertThat(counters.isLocked("hot-0")).isFalse();
        }
    }

    /**
     * A call starts from a value it already has where it is known current (the one the previous
     * call on the key wrote, or the one the key's partition thread read when it handed the call
     * over). Writes that do not go through Gridlet, here entry processors on the same keys, make
     * those values stale: the call's compare-and-set must then not apply, and the call runs again.
     * Every increment counts, and no call answers a value another call answered.
     */
    @org.junit.jupiter.api.Test
    void writesBesideTheCallsOnTheSameKeysAreNeverLost() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, builder -> { })) {
            cluster.nodes().forEach(node -> node.functions().register(Increment.class));
            List<String> keys = List.of("shared-0", "shared-1");
            IMap<String, Long> counters = cluster.node(0).hazelcast().getMap(MAP);
            java.util.Set<String> answered = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.atomic.AtomicInteger duplicates = new java.util.concurrent.atomic.AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(6);
            int perThread = 300;
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    GridNode caller = cluster.node(t % 3);
                    int thread = t;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            String key = keys.get((thread + i) % keys.size());
                            long value = caller.invoker().invoke(Invocation.of("increment").onKey(MAP, key).build(),
                                    Long.class);
                            if (!answered.add(key + "=" + value)) {
                                duplicates.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (int t = 0; t < 2; t++) {
                    IMap<String, Long> map = cluster.node(t + 1).hazelcast().getMap(MAP);
                    int thread = t;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            map.executeOnKey(keys.get((thread + i) % keys.size()), new PlainIncrement());
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(duplicates.get()).isZero();
            assertThat(keys.stream().mapToLong(counters::get).sum()).isEqualTo(6L * perThread);
        }
    }

    /** An increment that does not go through Gridlet. */
    static final class PlainIncrement implements com.hazelcast.map.EntryProcessor<String, Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(java.util.Map.Entry<String, Long> entry) {
            long next = (entry.getValue() == null ? 0 : entry.getValue()) + 1;
            entry.setValue(next);
            return next;
        }
    }
}
