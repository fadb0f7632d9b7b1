package io.gridlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Offloadable;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A call by key answers only once the key's backup has its change, so an answered call survives
 * its owner. The backup's partition thread is held, so that no backup can apply there: the call
 * must not answer until it is let go. Hazelcast's own offloadable entry processor, the benchmark's
 * baseline, answers while its backup does not have the change (its write-back runs with no caller
 * to confirm to): had the owner died then, the answered increment would be gone. That difference
 * is a message per call, and it is why a Gridlet call costs more than that baseline
 * (docs/benchmarks.md, "Where the time goes").
 */
class AnsweredMeansBackedUpTest {

    static final String MAP = "backed-up";

    /** The same increment as Hazelcast's offloadable entry processor. */
    static final class OffloadableIncrement implements EntryProcessor<String, Long, Long>, Offloadable {
        @Override
        public Long process(Map.Entry<String, Long> entry) {
            long next = (entry.getValue() == null ? 0 : entry.getValue()) + 1;
            entry.setValue(next);
            return next;
        }

        @Override
        public String getExecutorName() {
            return Offloadable.OFFLOADABLE_EXECUTOR;
        }
    }

    @Test
    void aCallAnswersOnlyOnceItsBackupHasTheChange() throws Exception {
        try (TestCluster cluster = TestCluster.start(2, builder -> builder
                .functions(functions -> functions.register(AtomicByKeyTest.Increment.class)))) {
            GridNode owner = cluster.node(0);
            GridNode backup = cluster.node(1);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> owner.hazelcast().getPartitionService().isClusterSafe());
            String gridletKey = TestCluster.keyOwnedBy(owner, "gridlet-", -1);
            int partition = owner.hazelcast().getPartitionService().getPartition(gridletKey).getPartitionId();
            String rawKey = TestCluster.keyOwnedBy(owner, "raw-", partition);
            IMap<String, Long> map = owner.hazelcast().getMap(MAP);
            // Both paths work, and are warm.
            assertThat(owner.invoker().invoke(Invocation.of("increment").onKey(MAP, gridletKey).build(),
                    Long.class)).isEqualTo(1L);
            assertThat(map.executeOnKey(rawKey, new OffloadableIncrement())).isEqualTo(1L);

            CountDownLatch release = TestCluster.holdPartitionThread(backup, partition);
            CompletableFuture<Long> call;
            CompletableFuture<Long> raw;
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                // A plain synchronous call by key, the path measured against the raw processor (an
                // asynchronous call writes its record first and goes by the executor).
                call = CompletableFuture.supplyAsync(() -> owner.invoker().invoke(Invocation.of("increment")
                        .onKey(MAP, gridletKey).timeout(Duration.ofSeconds(60)).build(), Long.class), caller);
                raw = map.submitToKey(rawKey, new OffloadableIncrement()).toCompletableFuture();
                // The baseline answers with its backup held: an answer its backup does not have.
                assertThat(raw.get(10, TimeUnit.SECONDS)).isEqualTo(2L);
                // The owner has the call's change; the call does not answer while its backup cannot have it.
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(2).equals(map.get(gridletKey)));
                Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !call.isDone());
            } finally {
                release.countDown();
                caller.shutdown();
            }
            assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(2L);
        }
    }
}
