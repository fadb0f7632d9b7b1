package io.gridlet.node.internal.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import io.gridlet.node.CountingFunctions;
import io.gridlet.node.GridNode;
import io.gridlet.node.MapEventTrigger;
import io.gridlet.node.MapEventType;
import io.gridlet.node.TestCluster;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A trigger delivers an event only once the event's backup has it. An event its owner alone
 * holds can vanish with the owner, and the promoted backup then gives its journal sequence to
 * the next event written: a trigger that had taken the first one at that sequence skips the
 * second, an acknowledged write whose event is never delivered. Here the backup's partition
 * thread is held, so a write's backup cannot apply: while it is held the trigger must not run.
 */
class DurableEventsTest {

    @Test
    void anEventOnlyItsOwnerHoldsIsNotDelivered() throws Exception {
        try (TestCluster cluster = TestCluster.start(2, builder -> builder
                .functions(functions -> functions.register(CountingFunctions.EchoKey.class))
                .hazelcastConfig(config -> config.setProperty("hazelcast.wait.seconds.before.join", "0")))) {
            GridNode owner = cluster.node(0);
            GridNode backup = cluster.node(1);
            owner.triggers().create(MapEventTrigger.on("durable", "echo.key", "durable-in")
                    .onlyOn(MapEventType.ADDED).withResultsIn("durable-out"));
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> "RUNNING".equals(owner.triggers().get("durable").jobStatus())
                            && owner.hazelcast().getPartitionService().isClusterSafe());
            IMap<String, Integer> events = owner.hazelcast().getMap("durable-in");
            IMap<String, String> results = owner.hazelcast().getMap("durable-out");
            // The trigger works: an event written normally is delivered.
            String warm = TestCluster.keyOwnedBy(owner, "warm", -1);
            events.set(warm, 0);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> results.get(warm) != null);

            String key = TestCluster.keyOwnedBy(owner, "held", -1);
            int partition = owner.hazelcast().getPartitionService().getPartition(key).getPartitionId();
            CountDownLatch release = TestCluster.holdPartitionThread(backup, partition);
            CompletableFuture<Integer> write;
            try {
                write = events.putAsync(key, 1).toCompletableFuture();
                // The owner has the event (its entry is readable there); its backup does not.
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> events.containsKey(key));
                assertThat(write).as("the write waits for its backup").isNotDone();
                Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                        .until(() -> results.get(key) == null);
            } finally {
                release.countDown();
            }
            write.get(30, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ("seen " + key).equals(results.get(key)));
        }
    }
}
