package io.gridlet.node.internal.invoke.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.map.IMap;
import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import io.gridlet.api.RoutedEntry;
import io.gridlet.node.GridNode;
import io.gridlet.node.Invocation;
import io.gridlet.node.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Calls that arrive on a key while another call holds it queue behind that call and run on its
 * invocation thread, each on the value the one before left, each written, and backed up, in order.
 */
class CallByKeyBatchTest {

    static final String MAP = "batched";
    static final CountDownLatch HOLDING = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    /** Increments its entry; the call whose input is "hold" waits, holding the key, until released. */
    @Function(name = "hold-then-increment")
    public static final class HoldThenIncrement implements GridFunction<String, String> {
        @Override
        public String apply(String input, FunctionContext ctx) throws Exception {
            if ("hold".equals(input)) {
                HOLDING.countDown();
                assertThat(RELEASE.await(20, TimeUnit.SECONDS)).isTrue();
            }
            RoutedEntry<Long> entry = ctx.entry();
            long next = (entry.get() == null ? 0 : entry.get()) + 1;
            entry.set(next);
            return Thread.currentThread().getName() + "|" + next;
        }
    }

    @Test
    void callsQueuedOnABusyKeyRunOnItsThreadInOrderAndAreEachBackedUp() throws Exception {
        try (TestCluster cluster = TestCluster.start(3, builder -> { })) {
            cluster.nodes().forEach(node -> node.functions().register(HoldThenIncrement.class));
            String key = "busy";
            GridNode owner = cluster.nodes().stream()
                    .filter(node -> node.hazelcast().getPartitionService().getPartition(key).getOwner()
                            .localMember()).findFirst().orElseThrow();
            GridNode caller = cluster.nodes().stream().filter(node -> node != owner).findFirst().orElseThrow();
            ExecutorService threads = Executors.newFixedThreadPool(5);
            try {
                Future<String> holder = threads.submit(() -> call(caller, key, "hold"));
                assertThat(HOLDING.await(20, TimeUnit.SECONDS)).isTrue();
                List<Future<String>> queued = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    queued.add(threads.submit(() -> call(caller, key, "go")));
                }
                CallBatches batches = CallBatches.of(owner.hazelcast());
                await().atMost(Duration.ofSeconds(20)).until(() -> batches.queued() == 4);
                RELEASE.countDown();
                String first = holder.get(20, TimeUnit.SECONDS);
                assertThat(first).endsWith("|1");
                String thread = first.substring(0, first.indexOf('|'));
                List<Long> values = new ArrayList<>();
                for (Future<String> call : queued) {
                    String answer = call.get(20, TimeUnit.SECONDS);
                    assertThat(answer).as("ran on the holding call's thread").startsWith(thread + "|");
                    values.add(Long.parseLong(answer.substring(answer.indexOf('|') + 1)));
                }
                assertThat(values).containsExactlyInAnyOrder(2L, 3L, 4L, 5L);
            } finally {
                threads.shutdownNow();
            }
            assertThat(CallBatches.of(owner.hazelcast()).queued()).isZero();
            // The backup has every write: the owner killed, its backup answers with the last.
            IMap<String, Long> counters = caller.hazelcast().getMap(MAP);
            assertThat(counters.get(key)).isEqualTo(5L);
            owner.hazelcast().getLifecycleService().terminate();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(counters.get(key)).isEqualTo(5L));
            // And the key is free: a call after the batch runs at once.
            assertThat(call(caller, key, "go")).endsWith("|6");
        }
    }

    private static String call(GridNode caller, String key, String input) {
        return caller.invoker().invoke(Invocation.of("hold-then-increment").onKey(MAP, key).input(input)
                .timeout(Duration.ofSeconds(30)).build(), String.class);
    }
}
