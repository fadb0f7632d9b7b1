package io.gridlet.node.internal.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.MapProxyImpl;
import com.hazelcast.spi.impl.PartitionSpecificRunnable;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A trigger delivers an event only once the event's backup has it. An event its owner alone
 * holds can vanish with the owner, and the promoted backup then gives its journal sequence to
 * the next event written: a trigger that had taken the first one at that sequence skips the
 * second, an acknowledged write whose event is never delivered. Here the backup's partition
 * thread is held, so a write's backup cannot apply: while it is held the trigger must not run.
 */
class DurableEventsTest {

    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anEventOnlyItsOwnerHoldsIsNotDelivered() throws Exception {
        cluster = TestCluster.start(2, builder -> builder
                .functions(functions -> functions.register(CountingFunctions.EchoKey.class))
                .hazelcastConfig(config -> config.setProperty("hazelcast.wait.seconds.before.join", "0")));
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
        events.set(ownedBy(owner, "warm"), 0);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> results.get(ownedBy(owner, "warm")) != null);

        String key = ownedBy(owner, "held");
        int partition = owner.hazelcast().getPartitionService().getPartition(key).getPartitionId();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ((MapProxyImpl<?, ?>) backup.hazelcast().getMap("durable-in")).getNodeEngine().getOperationService()
                .execute(new PartitionSpecificRunnable() {
                    @Override
                    public int getPartitionId() {
                        return partition;
                    }

                    @Override
                    public void run() {
                        held.countDown();
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
        assertThat(held.await(10, TimeUnit.SECONDS)).as("the backup's partition thread is held").isTrue();
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

    /** A key with {@code prefix} whose partition {@code node} owns. */
    private static String ownedBy(GridNode node, String prefix) {
        for (int i = 0; ; i++) {
            String key = prefix + i;
            if (node.hazelcast().getPartitionService().getPartition(key).getOwner().localMember()) {
                return key;
            }
        }
    }
}
