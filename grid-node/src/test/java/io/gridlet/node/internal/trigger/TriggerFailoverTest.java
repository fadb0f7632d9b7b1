package io.gridlet.node.internal.trigger;

import io.gridlet.node.Guarantee;
import io.gridlet.node.MapEventType;
import io.gridlet.node.MapEventTrigger;
import io.gridlet.node.ScheduleTrigger;
import io.gridlet.node.TriggerDefinition;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import io.gridlet.node.CountingFunctions;
import io.gridlet.node.GridNode;
import io.gridlet.node.MemberProcess;
import io.gridlet.node.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members, one of them killed with SIGKILL mid-run: an exactly-once trigger turns 10,000
 * puts into exactly 10,000 results and 10,000 side effects, an at-least-once trigger misses no
 * result, and a schedule whose task lived on the killed member keeps firing.
 */
class TriggerFailoverTest {

    static final int EVENTS = 10_000;

    @TempDir
    Path temp;

    @Test
    void triggersAndSchedulesSurviveASigkill() throws Exception {
        List<Integer> ports = TestCluster.freePorts(3);
        List<String> seeds = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        String cluster = "trigger-kill-" + UUID.randomUUID();
        Path log = temp.resolve("members.log");
        String[] functions = {CountingFunctions.EffectOnce.class.getName(), CountingFunctions.EchoKey.class.getName(),
                CountingFunctions.NoteTick.class.getName()};
        try (MemberProcess doomed = MemberProcess.start(cluster, ports.get(0), seeds, log, functions);
             MemberProcess survivor = MemberProcess.start(cluster, ports.get(1), seeds, log, functions);
             GridNode node = GridNode.builder().clusterName(cluster).port(ports.get(2)).members(seeds).shutdownHook(false)
                     .hazelcastConfig(c -> c.setProperty("hazelcast.wait.seconds.before.join", "0")).start()) {
            node.functions().register(CountingFunctions.EffectOnce.class);
            node.functions().register(CountingFunctions.EchoKey.class);
            node.functions().register(CountingFunctions.NoteTick.class);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> node.hazelcast().getCluster().getMembers().size() == 3
                    && node.hazelcast().getPartitionService().isClusterSafe());

            node.triggers().create(MapEventTrigger.on("once", "effect.once", "eo-in").onlyOn(MapEventType.ADDED)
                    .withResultsIn("eo-out").withGuarantee(Guarantee.EXACTLY_ONCE));
            node.triggers().create(MapEventTrigger.on("least", "echo.key", "alo-in").onlyOn(MapEventType.ADDED)
                    .withResultsIn("alo-out"));
            // Exactly-once with a function that is not transactional: its results, once each.
            node.triggers().create(MapEventTrigger.on("once-plain", "echo.key", "eop-in").onlyOn(MapEventType.ADDED)
                    .withResultsIn("eop-out").withGuarantee(Guarantee.EXACTLY_ONCE));
            // A schedule whose firings the doomed member holds: its name's partition is that member's.
            String schedule = null;
            for (int i = 0; schedule == null; i++) {
                String candidate = "tick" + i;
                if (node.hazelcast().getPartitionService().getPartition(candidate).getOwner()
                        .getUuid().equals(doomed.uuid())) {
                    schedule = candidate;
                }
            }
            node.triggers().create(ScheduleTrigger.every(schedule, "note.tick", 100));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    "RUNNING".equals(node.triggers().get("once").jobStatus())
                            && "RUNNING".equals(node.triggers().get("least").jobStatus())
                            && "RUNNING".equals(node.triggers().get("once-plain").jobStatus()));
            IMap<String, String> ticks = node.hazelcast().getMap("ticks");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ticks.size() >= 5);

            IMap<String, Integer> exactly = node.hazelcast().getMap("eo-in");
            IMap<String, Integer> atLeast = node.hazelcast().getMap("alo-in");
            IMap<String, Integer> plain = node.hazelcast().getMap("eop-in");
            for (int batch = 0; batch < EVENTS / 500; batch++) {
                Map<String, Integer> entries = new HashMap<>();
                for (int i = batch * 500; i < (batch + 1) * 500; i++) {
                    entries.put("e" + i, i);
                }
                exactly.putAll(entries);
                atLeast.putAll(entries);
                plain.putAll(entries);
                if (batch == 6) {
                    doomed.kill();
                }
            }
            int ticksAtKill = ticks.size();

            IMap<String, String> exactlyOut = node.hazelcast().getMap("eo-out");
            IMap<String, String> atLeastOut = node.hazelcast().getMap("alo-out");
            IMap<String, Long> effects = node.hazelcast().getMap("effects");
            IMap<String, String> plainOut = node.hazelcast().getMap("eop-out");
            Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(List.of(exactlyOut.size(), atLeastOut.size(), effects.size(), plainOut.size()))
                            .as("results of exactly-once, at-least-once, side effects, exactly-once plain; jobs %s %s %s",
                                    node.triggers().get("once").jobStatus(), node.triggers().get("least").jobStatus(),
                                    node.triggers().get("once-plain").jobStatus())
                            .containsOnly(EVENTS));
            assertThat(plainOut.get("e4321")).isEqualTo("seen e4321");
            Map<String, Long> counted = new HashMap<>(effects);
            long total = counted.values().stream().mapToLong(Long::longValue).sum();
            assertThat(total).as("side effects of the exactly-once trigger").isEqualTo(EVENTS);
            assertThat(counted.values()).containsOnly(1L);
            assertThat(exactlyOut.get("e9999")).isEqualTo("done e9999");
            assertThat(atLeastOut.get("e0")).isEqualTo("seen e0");

            // The schedule kept firing after the member holding its task died.
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> ticks.size() >= ticksAtKill + 20);
            System.out.printf("exactly-once: %d results, %d side effects; at-least-once: %d results; ticks %d -> %d%n",
                    exactlyOut.size(), total, atLeastOut.size(), ticksAtKill, ticks.size());
            node.hazelcast().getLifecycleService().terminate();
        }
    }
}
