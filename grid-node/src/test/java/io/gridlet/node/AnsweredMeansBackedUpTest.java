package io.gridlet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.Offloadable;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import io.gridlet.api.OutcomeUnknownException;
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

    /**
     * A client's call by key is answered by the key's backup, once it has applied the change
     * (three messages a call instead of four): not while the backup cannot apply it, and, when the
     * backup never confirms within the backup timeout, the owner fails the call as of unknown
     * outcome instead of passing it as done.
     */
    @Test
    void aClientsCallIsAnsweredByItsBackupAndFailsAsUnknownWhenTheBackupNeverHasTheChange() throws Exception {
        try (TestCluster cluster = TestCluster.start(2, builder -> builder
                .functions(functions -> functions.register(AtomicByKeyTest.Increment.class))
                .hazelcastConfig(config -> config.setProperty("hazelcast.operation.backup.timeout.millis", "2000")));
             GridletClient client = cluster.client()) {
            GridNode owner = cluster.node(0);
            GridNode backup = cluster.node(1);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> owner.hazelcast().getPartitionService().isClusterSafe());
            String key = TestCluster.keyOwnedBy(owner, "client-", -1);
            int partition = owner.hazelcast().getPartitionService().getPartition(key).getPartitionId();
            IMap<String, Long> map = owner.hazelcast().getMap(MAP);
            Invocation increment = Invocation.of("increment").onKey(MAP, key).timeout(Duration.ofSeconds(60)).build();
            // The client knows both members (it sends to the owner, the backup answers).
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                client.invoker().invoke(increment, Long.class);
                return true;
            });
            long before = map.get(key);

            ExecutorService caller = Executors.newSingleThreadExecutor();
            CountDownLatch release = TestCluster.holdPartitionThread(backup, partition);
            CompletableFuture<Long> call;
            try {
                call = CompletableFuture.supplyAsync(() -> client.invoker().invoke(increment, Long.class), caller);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(before + 1).equals(map.get(key)));
                Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !call.isDone());
            } finally {
                release.countDown();
            }
            assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(before + 1);
            // It was the backup that answered.
            assertThat(backup.meterRegistry().get("gridlet.backup.answers").counter().count()).isGreaterThanOrEqualTo(2.0);
            assertThat(owner.meterRegistry().get("gridlet.backup.answers").counter().count()).isZero();

            // Held past the backup timeout: the owner has the change, the call fails as unknown.
            CountDownLatch held = TestCluster.holdPartitionThread(backup, partition);
            CompletableFuture<Long> unconfirmed;
            try {
                unconfirmed = CompletableFuture.supplyAsync(() -> client.invoker().invoke(increment, Long.class), caller);
                assertThatThrownBy(() -> unconfirmed.get(20, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(OutcomeUnknownException.class);
                assertThat(map.get(key)).isEqualTo(before + 2);
                assertThat(owner.meterRegistry().get("gridlet.backup.unconfirmed").counter().count()).isEqualTo(1.0);
            } finally {
                held.countDown();
                caller.shutdown();
            }
            // The backup's late answer to that call changes nothing; the next call goes on from there.
            assertThat(client.invoker().invoke(increment, Long.class)).isEqualTo(before + 3);
        }
    }
}
