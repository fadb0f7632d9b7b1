package io.gridlet.node.internal.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapStore;
import io.gridlet.node.CountingFunctions;
import io.gridlet.node.GridNode;
import io.gridlet.node.Guarantee;
import io.gridlet.node.MapEventTrigger;
import io.gridlet.node.MapEventType;
import io.gridlet.node.TestCluster;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A trigger's job that fails on an exception Jet would not restart for (here its result map's
 * store refuses every write for a while) is suspended with its snapshot and resumed, and once
 * the store takes writes again every event's result is there: the trigger does not end.
 */
class SuspendedJobsTest {

    static final int EVENTS = 200;

    /** Refuses writes while {@link #refusing} is set; keeps what it took. */
    static final class RefusingStore implements MapStore<Object, Object> {
        static volatile boolean refusing = true;
        static final AtomicInteger refused = new AtomicInteger();
        static final Map<Object, Object> stored = new ConcurrentHashMap<>();

        @Override
        public void store(Object key, Object value) {
            refuse();
            stored.put(key, value);
        }

        @Override
        public void storeAll(Map<Object, Object> entries) {
            refuse();
            stored.putAll(entries);
        }

        private static void refuse() {
            if (refusing) {
                refused.incrementAndGet();
                throw new IllegalStateException("the result store is down");
            }
        }

        @Override
        public void delete(Object key) {
        }

        @Override
        public void deleteAll(Collection<Object> keys) {
        }

        @Override
        public Object load(Object key) {
            return null;
        }

        @Override
        public Map<Object, Object> loadAll(Collection<Object> keys) {
            return Map.of();
        }

        @Override
        public Iterable<Object> loadAllKeys() {
            return null;
        }
    }

    @Test
    void aJobAFailureSuspendedIsResumedAndItsTriggerMissesNothing() {
        RefusingStore.refusing = true;
        RefusingStore.refused.set(0);
        RefusingStore.stored.clear();
        try (TestCluster cluster = TestCluster.start(1, builder -> builder
                .functions(functions -> functions.register(CountingFunctions.EchoKey.class))
                .hazelcastConfig(config -> config.addMapConfig(new MapConfig("stored-out").setMapStoreConfig(
                        new MapStoreConfig().setEnabled(true).setWriteDelaySeconds(0)
                                .setImplementation(new RefusingStore())))))) {
            GridNode node = cluster.node(0);
            node.triggers().create(MapEventTrigger.on("stored", "echo.key", "stored-in").onlyOn(MapEventType.ADDED)
                    .withResultsIn("stored-out").withGuarantee(Guarantee.AT_LEAST_ONCE));
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> "RUNNING".equals(node.triggers().get("stored").jobStatus()));

            IMap<String, Integer> events = node.hazelcast().getMap("stored-in");
            Map<String, Integer> batch = new HashMap<>();
            for (int i = 0; i < EVENTS; i++) {
                batch.put("s" + i, i);
            }
            events.putAll(batch);

            // The store refuses: the job is suspended, not failed, and resumed again and again.
            Set<String> seen = ConcurrentHashMap.newKeySet();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                seen.add(node.triggers().get("stored").jobStatus());
                return seen.contains("SUSPENDED") && RefusingStore.refused.get() >= 2;
            });
            assertThat(seen).doesNotContain("FAILED", "COMPLETED");

            RefusingStore.refusing = false;
            IMap<String, String> results = node.hazelcast().getMap("stored-out");
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(results.size()).as("results; job %s",
                            node.triggers().get("stored").jobStatus()).isEqualTo(EVENTS));
            assertThat(results.get("s7")).isEqualTo("seen s7");
            assertThat(RefusingStore.stored).hasSize(EVENTS);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> "RUNNING".equals(node.triggers().get("stored").jobStatus()));
        }
    }

    @Test
    void aJobAnOperatorSuspendedStaysSuspended() {
        try (TestCluster cluster = TestCluster.start(1, builder -> builder
                .functions(functions -> functions.register(CountingFunctions.EchoKey.class)))) {
            GridNode node = cluster.node(0);
            node.triggers().create(MapEventTrigger.on("paused", "echo.key", "paused-in").onlyOn(MapEventType.ADDED)
                    .withResultsIn("paused-out"));
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> "RUNNING".equals(node.triggers().get("paused").jobStatus()));
            var job = node.hazelcast().getJet().getJob(GridTriggers.jobName("paused"));
            job.suspend();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> "SUSPENDED".equals(node.triggers().get("paused").jobStatus()));
            // Longer than the first waits of a failed job's back-off: an operator's suspension is theirs.
            Awaitility.await().during(Duration.ofMillis(SuspendedJobs.FIRST_WAIT_MILLIS * 4))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> "SUSPENDED".equals(node.triggers().get("paused").jobStatus()));

            job.resume();
            node.hazelcast().getMap("paused-in").set("p1", 1);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> "seen p1".equals(node.hazelcast().getMap("paused-out").get("p1")));
        }
    }
}
