package io.gridlet.node.internal.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.IMap;
import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import io.gridlet.api.RoutedEntry;
import io.gridlet.api.TimedOutException;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.GridNode;
import io.gridlet.node.Invocation;
import io.gridlet.node.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Functions declared for the partition thread run there, stay atomic by key, and fall back safely. */
class PartitionThreadTest {

    static final String MAP = "pt-counters";

    @Function(name = "pt.increment", partitionThread = true)
    public static final class Increment implements GridFunction<Object, Long> {
        @Override
        public Long apply(Object input, FunctionContext ctx) {
            RoutedEntry<Long> entry = ctx.entry();
            long next = (entry.get() == null ? 0 : entry.get()) + 1;
            entry.set(next);
            return next;
        }
    }

    @Function(name = "pt.where", partitionThread = true)
    public static final class Where implements GridFunction<Object, String> {
        @Override
        public String apply(Object input, FunctionContext ctx) {
            return Thread.currentThread().getName();
        }
    }

    @Function(name = "pt.slow", partitionThread = true, timeoutMillis = 200)
    public static final class Slow implements GridFunction<Object, Boolean> {
        @Override
        public Boolean apply(Object input, FunctionContext ctx) {
            long until = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return Thread.currentThread().isInterrupted();
        }
    }

    @Test
    void callsRunOnTheKeysPartitionThreadAndLoseNoIncrement() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, builder -> { })) {
            cluster.nodes().forEach(node -> {
                node.functions().register(Increment.class);
                node.functions().register(Where.class);
            });
            assertThat(cluster.node(0).invoker().invoke(Invocation.of("pt.where").onKey(MAP, "a").build(), String.class))
                    .contains("partition-operation");
            assertThat(cluster.node(1).invoker().invoke(Invocation.of("pt.where").key("b").build(), String.class))
                    .contains("partition-operation");
            // With an idempotency key the call keeps a record: it runs on the invocation executor.
            assertThat(cluster.node(2).invoker().invoke(Invocation.of("pt.where").onKey(MAP, "a")
                    .idempotencyKey("once").build(), String.class)).doesNotContain("partition-operation");

            List<String> keys = List.of("k0", "k1", "k2");
            Set<String> answered = ConcurrentHashMap.newKeySet();
            ExecutorService threads = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    GridNode caller = cluster.node(t % 3);
                    int thread = t;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < 300; i++) {
                            String key = keys.get((thread + i) % keys.size());
                            long value = caller.invoker().invoke(Invocation.of("pt.increment").onKey(MAP, key).build(),
                                    Long.class);
                            assertThat(answered.add(key + "=" + value)).isTrue();
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
            assertThat(keys.stream().mapToLong(counters::get).sum()).isEqualTo(1_800);

            // Each answer waited for its backup: killing the owner of a key loses none of its increments.
            GridNode owner = cluster.nodes().stream()
                    .filter(node -> node.hazelcast().getPartitionService().getPartition("k0").getOwner().localMember())
                    .findFirst().orElseThrow();
            GridNode survivor = cluster.nodes().stream().filter(node -> node != owner).findFirst().orElseThrow();
            long before = survivor.hazelcast().<String, Long>getMap(MAP).get("k0");
            owner.hazelcast().getLifecycleService().terminate();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(survivor.hazelcast().<String, Long>getMap(MAP).get("k0")).isEqualTo(before));
        }
    }

    @Test
    void aMemberThatDoesNotKnowTheFunctionAsSuchRunsItOnTheExecutor() {
        try (TestCluster cluster = TestCluster.start(3, builder -> { })) {
            // The caller believes the function may run on a partition thread; the members that
            // own the keys do not: the call must not run there, and must still be answered.
            for (int i = 0; i < 3; i++) {
                boolean declared = i == 0;
                cluster.node(i).functions().register(FunctionSpec.named("pt.mixed").partitionThread(declared).build(),
                        Object.class, (input, ctx) -> Thread.currentThread().getName());
            }
            GridNode caller = cluster.node(0);
            int onOthers = 0;
            for (int k = 0; k < 30; k++) {
                String key = "key-" + k;
                boolean owned = caller.hazelcast().getPartitionService().getPartition(key).getOwner().localMember();
                String thread = caller.invoker().invoke(Invocation.of("pt.mixed").onKey(MAP, key).build(), String.class);
                if (owned) {
                    assertThat(thread).contains("partition-operation");
                } else {
                    onOthers++;
                    assertThat(thread).doesNotContain("partition-operation");
                }
            }
            assertThat(onOthers).isPositive();
        }
    }

    @Test
    void aDeadlineOnThePartitionThreadTimesTheCallOutWithoutInterruptingTheThread() {
        try (TestCluster cluster = TestCluster.start(1, builder -> { })) {
            GridNode node = cluster.node(0);
            node.functions().register(Slow.class);
            node.functions().register(Where.class);
            assertThatThrownBy(() -> node.invoker().invoke(Invocation.of("pt.slow").onKey(MAP, "s").build(), Boolean.class))
                    .isInstanceOf(TimedOutException.class);
            // The partition thread goes on serving its partition, uninterrupted.
            assertThat(node.invoker().invoke(Invocation.of("pt.slow").onKey(MAP, "s")
                    .timeout(Duration.ofSeconds(5)).build(), Boolean.class)).isFalse();
        }
    }

    @Test
    void aTransactionalFunctionCannotRunOnThePartitionThread() {
        assertThatThrownBy(() -> FunctionSpec.named("pt.tx").transactional(true).partitionThread(true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transactional");
    }
}
