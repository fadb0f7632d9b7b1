package io.gridlet.node.internal.invoke.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.map.IMap;
import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import io.gridlet.api.RoutedEntry;
import io.gridlet.node.GridNode;
import io.gridlet.node.GridletClient;
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

    static final CountDownLatch CLIENT_HOLDING = new CountDownLatch(1);
    static final CountDownLatch CLIENT_RELEASE = new CountDownLatch(1);

    /** {@link HoldThenIncrement}, with latches of its own. */
    @Function(name = "client-hold-then-increment")
    public static final class ClientHoldThenIncrement implements GridFunction<String, Long> {
        @Override
        public Long apply(String input, FunctionContext ctx) throws Exception {
            if ("hold".equals(input)) {
                CLIENT_HOLDING.countDown();
                assertThat(CLIENT_RELEASE.await(20, TimeUnit.SECONDS)).isTrue();
            }
            RoutedEntry<Long> entry = ctx.entry();
            long next = (entry.get() == null ? 0 : entry.get()) + 1;
            entry.set(next);
            return next;
        }
    }

    @Test
    void clientsCallsQueuedOnABusyKeyAreWrittenAndBackedUpTogetherEachWithItsEventAndAnswer() throws Exception {
        try (TestCluster cluster = TestCluster.start(2, builder -> builder
                .functions(functions -> functions.register(ClientHoldThenIncrement.class)));
             GridletClient client = cluster.client()) {
            GridNode owner = cluster.node(0);
            GridNode backup = cluster.node(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> owner.hazelcast().getPartitionService().isClusterSafe());
            String key = TestCluster.keyOwnedBy(owner, "together-", -1);
            int partition = owner.hazelcast().getPartitionService().getPartition(key).getPartitionId();
            IMap<String, Long> map = owner.hazelcast().getMap(MAP);
            // The client knows both members: it sends to the owner, and the backup answers.
            await().atMost(Duration.ofSeconds(30)).until(() -> clientCall(client, key, "go") > 0);
            long before = map.get(key);
            List<Long> events = java.util.Collections.synchronizedList(new ArrayList<>());
            map.addLocalEntryListener((com.hazelcast.map.listener.EntryUpdatedListener<String, Long>)
                    event -> events.add(event.getValue()));
            // The backup counts an answer after sending it, and confirms it to the owner after
            // counting: once the owner holds no unconfirmed answer, the warm-up's are all counted.
            await().atMost(Duration.ofSeconds(10)).until(() -> ChainedAnswers.of(owner.hazelcast()).unconfirmed() == 0);
            double answeredBefore = backup.meterRegistry().get("gridlet.backup.answers").counter().count();
            long backupsBefore = backupVersion(owner, partition);

            ExecutorService threads = Executors.newFixedThreadPool(5);
            try {
                Future<Long> holder = threads.submit(() -> clientCall(client, key, "hold"));
                assertThat(CLIENT_HOLDING.await(20, TimeUnit.SECONDS)).isTrue();
                List<Future<Long>> queued = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    queued.add(threads.submit(() -> clientCall(client, key, "go")));
                }
                CallBatches batches = CallBatches.of(owner.hazelcast());
                await().atMost(Duration.ofSeconds(20)).until(() -> batches.queued() == 4);
                CLIENT_RELEASE.countDown();
                assertThat(holder.get(20, TimeUnit.SECONDS)).isEqualTo(before + 1);
                List<Long> answers = new ArrayList<>();
                for (Future<Long> call : queued) {
                    answers.add(call.get(20, TimeUnit.SECONDS));
                }
                assertThat(answers).containsExactlyInAnyOrder(before + 2, before + 3, before + 4, before + 5);
            } finally {
                threads.shutdownNow();
            }
            // Five calls, one backup: it carried the last value and the five answers, which it sent.
            assertThat(backupVersion(owner, partition) - backupsBefore).isEqualTo(1);
            // The backup counts an answer once it has sent it, so the client may read it first.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    backup.meterRegistry().get("gridlet.backup.answers").counter().count() - answeredBefore)
                    .isEqualTo(5.0));
            // Each call's change was applied in turn, with its own event.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events)
                    .containsExactly(before + 1, before + 2, before + 3, before + 4, before + 5));
            // The backup has the last value: the owner gone, the backup answers with it.
            owner.hazelcast().getLifecycleService().terminate();
            IMap<String, Long> survivor = backup.hazelcast().getMap(MAP);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(survivor.get(key)).isEqualTo(before + 5));
        }
    }

    /** How many backups the owner has sent for the map's partition (its replica version). */
    private static long backupVersion(GridNode owner, int partition) {
        com.hazelcast.spi.impl.NodeEngineImpl engine = (com.hazelcast.spi.impl.NodeEngineImpl)
                ((com.hazelcast.map.impl.proxy.MapProxyImpl<?, ?>) owner.hazelcast().getMap(MAP)).getNodeEngine();
        com.hazelcast.internal.partition.InternalPartitionService partitions = engine.getPartitionService();
        return partitions.getPartitionReplicaVersionManager()
                .getPartitionReplicaVersions(partition, com.hazelcast.map.impl.MapService.getObjectNamespace(MAP))[0];
    }

    private static long clientCall(GridletClient client, String key, String input) {
        return client.invoker().invoke(Invocation.of("client-hold-then-increment").onKey(MAP, key).input(input)
                .timeout(Duration.ofSeconds(30)).build(), Long.class);
    }

    private static String call(GridNode caller, String key, String input) {
        return caller.invoker().invoke(Invocation.of("hold-then-increment").onKey(MAP, key).input(input)
                .timeout(Duration.ofSeconds(30)).build(), String.class);
    }
}
