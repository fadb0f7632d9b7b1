package io.gridlet.node.internal.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import io.gridlet.node.CountingFunctions;
import io.gridlet.node.GridNode;
import io.gridlet.node.Guarantee;
import io.gridlet.node.MapEventTrigger;
import io.gridlet.node.MapEventType;
import io.gridlet.node.TestCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Members join while events flow: partitions move to them, and the trigger's job restarts onto
 * them, each member's reader built while the owners it would see are changing. An exactly-once
 * trigger still applies every event once: each partition is read by the member the job gave it,
 * whoever owns it that moment.
 */
class TriggerMembershipTest {

    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void membersJoiningWhileEventsFlowLoseNoEventAndApplyNoneTwice() {
        cluster = TestCluster.start(2, 4, builder -> builder
                .functions(functions -> functions.register(CountingFunctions.EffectOnce.class))
                .hazelcastConfig(config -> {
                    config.setProperty("hazelcast.wait.seconds.before.join", "0")
                            .setProperty("hazelcast.max.join.seconds", "20");
                    // The job restarts onto a joined member at once, while its partitions still move.
                    config.getJetConfig().setScaleUpDelayMillis(200);
                }));
        GridNode node = cluster.node(0);
        node.triggers().create(MapEventTrigger.on("joining", "effect.once", "joining-in")
                .onlyOn(MapEventType.ADDED).withResultsIn("joining-out").withGuarantee(Guarantee.EXACTLY_ONCE));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "RUNNING".equals(node.triggers().get("joining").jobStatus()));

        IMap<String, Integer> events = node.hazelcast().getMap("joining-in");
        Set<String> acked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int batch = 0; writing.get(); batch++) {
                Map<String, Integer> entries = new HashMap<>();
                for (int i = 0; i < 50; i++) {
                    entries.put("e" + batch + "-" + i, i);
                }
                events.putAll(entries);
                acked.addAll(entries.keySet());
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        });
        for (int joined = 0; joined < 2; joined++) {
            int before = acked.size();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() > before + 1_000);
            cluster.startMember();
        }
        cluster.awaitSafe();
        int settled = acked.size();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() > settled + 1_000);
        writing.set(false);
        writer.join();

        IMap<String, Long> effects = node.hazelcast().getMap("effects");
        IMap<String, String> results = node.hazelcast().getMap("joining-out");
        List<String> keys = List.copyOf(acked);
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> results.size() >= keys.size());
        Map<String, Long> applied = effects.getAll(new HashSet<>(keys));
        assertThat(keys.stream().filter(key -> !applied.containsKey(key)).toList()).as("events never applied").isEmpty();
        assertThat(applied.values()).as("times each event was applied").containsOnly(1L);
        assertThat(results.get(keys.get(0))).isEqualTo("done " + keys.get(0));
        assertThat(node.triggers().deadLetters("joining")).isEmpty();
    }
}
