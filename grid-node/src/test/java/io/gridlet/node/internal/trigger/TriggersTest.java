package io.gridlet.node.internal.trigger;

import io.gridlet.node.MissedFiring;
import java.nio.charset.StandardCharsets;
import io.gridlet.node.TopicTrigger;
import io.gridlet.node.MapEventType;
import io.gridlet.node.MapEventTrigger;
import io.gridlet.node.ScheduleTrigger;
import io.gridlet.node.DeadLetter;
import io.gridlet.node.ReplayResult;
import io.gridlet.node.TriggerDefinition;
import io.gridlet.node.TriggerNotFoundException;
import io.gridlet.node.TriggerStatus;
import io.gridlet.node.Triggers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.gridlet.api.BadInputException;
import io.gridlet.api.VersionConflictException;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.GridNode;
import io.gridlet.node.TestCluster;
import io.gridlet.node.TestJars;
import io.gridlet.node.DeployOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Map events, schedules and topics invoke functions; failures become dead letters that replay. */
class TriggersTest {

    static TestCluster cluster;
    static final AtomicInteger firings = new AtomicInteger();
    static final Map<String, Integer> topicMessages = new ConcurrentHashMap<>();
    /** More than a trigger's tries for a function failure: a dead letter, were they counted as such. */
    static final int GRID_ERRORS_PER_EVENT = TriggerRunner.MAX_ATTEMPTS + 2;
    static final Map<String, Integer> gridErrors = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(3, builder -> { });
        for (GridNode node : cluster.nodes()) {
            node.functions().register(FunctionSpec.named("describe").build(), Map.class, (event, ctx) -> Map.of(
                    "type", event.get("type"), "map", event.get("map"), "value", String.valueOf(event.get("value")),
                    "old", String.valueOf(event.get("oldValue")), "ranOnOwner",
                    ctx.hazelcast().getPartitionService().getPartition(ctx.key()).getOwner().localMember()));
            node.functions().register(FunctionSpec.named("tick").build(), Map.class, (firing, ctx) -> {
                firings.incrementAndGet();
                return null;
            });
            node.functions().register(FunctionSpec.named("count.after.grid.errors").transactional(true).build(),
                    Map.class, (event, ctx) -> {
                        String key = String.valueOf(event.get("key"));
                        if (gridErrors.merge(key, 1, Integer::sum) <= GRID_ERRORS_PER_EVENT) {
                            throw new com.hazelcast.core.OperationTimeoutException("the owner of " + key
                                    + " did not answer in time");
                        }
                        com.hazelcast.transaction.TransactionalMap<String, Integer> counts =
                                ctx.transactionalMap("grid-errors-counted");
                        Integer seen = counts.getForUpdate(key);
                        counts.set(key, seen == null ? 1 : seen + 1);
                        return "counted " + key;
                    });
            node.functions().register(FunctionSpec.named("on.message").build(), String.class, (message, ctx) -> {
                topicMessages.merge(message, 1, Integer::sum);
                return null;
            });
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static MapEventTrigger mapEvent(String name, String function, String map, List<MapEventType> events,
                                    String results) {
        return new MapEventTrigger(name, function, map, events, results, null);
    }

    @Test
    void everyMapEventInvokesTheFunctionOnTheKeysOwnerAndItsOutputLandsInTheResultMap() {
        GridNode node = cluster.node(0);
        TriggerStatus created = node.triggers().create(mapEvent("describe-orders", "describe", "orders-in", null,
                "orders-described"));
        assertThat(created.jobStatus()).isNotNull();
        IMap<String, Object> orders = cluster.node(1).hazelcast().getMap("orders-in");
        for (int i = 0; i < 200; i++) {
            orders.set("o" + i, i);
        }
        orders.set("o0", new HazelcastJsonValue("{\"total\":5}"));
        IMap<String, HazelcastJsonValue> results = node.hazelcast().getMap("orders-described");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> results.size() == 200
                && results.get("o0") != null && results.get("o0").getValue().contains("UPDATED"));
        assertThat(results.get("o7").getValue()).contains("\"type\":\"ADDED\"", "\"map\":\"orders-in\"",
                "\"value\":\"7\"", "\"ranOnOwner\":true");
        assertThat(results.get("o0").getValue()).contains("\"old\":\"0\"", "total");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                node.triggers().get("describe-orders").processed() >= 201);
        assertThat(node.triggers().get("describe-orders").jobStatus()).isEqualTo("RUNNING");

        // The same definition again changes nothing; another one under the name is a conflict.
        node.triggers().create(mapEvent("describe-orders", "describe", "orders-in", null, "orders-described"));
        assertThatThrownBy(() -> node.triggers().create(mapEvent("describe-orders", "describe", "orders-in",
                List.of(MapEventType.ADDED), "orders-described"))).isInstanceOf(VersionConflictException.class);
    }

    @Test
    void onlyTheChosenEventTypesFire() {
        GridNode node = cluster.node(2);
        node.triggers().create(mapEvent("added-only", "describe", "stock-in", List.of(MapEventType.ADDED), "stock-added"));
        IMap<String, Long> stock = node.hazelcast().getMap("stock-in");
        stock.set("apple", 1L);
        stock.set("apple", 2L);
        stock.set("pear", 1L);
        stock.delete("pear");
        IMap<String, HazelcastJsonValue> results = node.hazelcast().getMap("stock-added");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> results.size() == 2);
        assertThat(results.get("apple").getValue()).contains("\"value\":\"1\"");
        assertThat(node.triggers().get("added-only").processed()).isEqualTo(2);
    }

    @Test
    void failuresBecomeDeadLettersForExactlyThoseKeysAndReplayAfterTheFixDrainsThem() {
        GridNode node = cluster.node(0);
        byte[] broken = TestJars.jar("dl.Check", "check", "java.util.Map", "String", """
                String key = String.valueOf(input.get("key"));
                if (key.startsWith("bad")) { throw new IllegalStateException("cannot check " + key); }
                return "checked " + key;""");
        byte[] fixed = TestJars.jar("dl.Check", "check", "java.util.Map", "String",
                "return \"checked \" + input.get(\"key\");");
        node.deployments().deploy(broken, DeployOptions.version("1"));
        node.triggers().create(mapEvent("check-it", "check", "checks-in", null, "checked"));
        IMap<String, Integer> checks = node.hazelcast().getMap("checks-in");
        for (int i = 0; i < 20; i++) {
            checks.set((i % 5 == 0 ? "bad-" : "good-") + i, i);
        }
        IMap<String, String> checked = node.hazelcast().getMap("checked");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> checked.size() == 16
                && node.triggers().deadLetters("check-it").size() == 4);
        List<DeadLetter> letters = node.triggers().deadLetters("check-it");
        assertThat(letters).extracting(DeadLetter::json).allSatisfy(json ->
                assertThat(json).contains("\"key\":\"bad-", "cannot check bad-", "\"attempts\":4"));
        TriggerStatus status = node.triggers().get("check-it");
        assertThat(status.deadLettered()).isEqualTo(4);
        assertThat(status.retried()).isEqualTo(12);

        assertThat(node.triggers().replay("check-it")).isEqualTo(new ReplayResult(0, 4));
        node.deployments().deploy(fixed, DeployOptions.version("2"));
        assertThat(node.triggers().replay("check-it")).isEqualTo(new ReplayResult(4, 0));
        assertThat(node.triggers().deadLetters("check-it")).isEmpty();
        assertThat(checked.get("bad-0")).isEqualTo("checked bad-0");
        assertThat(checked.size()).isEqualTo(20);
    }

    @Test
    void gridErrorsInAnExactlyOnceTriggersTransactionAreWaitedOutAndNeverDeadLettered() {
        GridNode node = cluster.node(0);
        node.triggers().create(new MapEventTrigger("count-it", "count.after.grid.errors", "grid-errors-in",
                List.of(MapEventType.ADDED), "grid-errors-out", null).withGuarantee(
                io.gridlet.node.Guarantee.EXACTLY_ONCE));
        IMap<String, Integer> events = cluster.node(1).hazelcast().getMap("grid-errors-in");
        for (int i = 0; i < 30; i++) {
            events.set("event-" + i, i);
        }
        IMap<String, Integer> counted = node.hazelcast().getMap("grid-errors-counted");
        IMap<String, String> results = node.hazelcast().getMap("grid-errors-out");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> results.size() == 30);
        // Every event ran past its grid errors, and its effect committed once; none was given up on.
        assertThat(counted.entrySet()).hasSize(30).allSatisfy(entry -> assertThat(entry.getValue()).isEqualTo(1));
        assertThat(gridErrors.values()).allSatisfy(tries -> assertThat(tries).isGreaterThan(GRID_ERRORS_PER_EVENT));
        assertThat(node.triggers().deadLetters("count-it")).isEmpty();
        assertThat(node.triggers().get("count-it").deadLettered()).isZero();
        assertThat(results.get("event-7")).isEqualTo("counted event-7");
    }

    @Test
    void aScheduleFiresAtItsRateWithinTenPercentOverTenSecondsAndStopsWithinASecondOfDeletion() {
        GridNode node = cluster.node(1);
        node.triggers().create(ScheduleTrigger.every("ticker", "tick", 200));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> firings.get() > 0);
        int start = firings.get();
        long from = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(12)).until(() -> System.nanoTime() - from >= 10_000_000_000L);
        int fired = firings.get() - start;
        assertThat(fired).as("firings in 10 s at one per 200 ms").isBetween(45, 55);

        node.triggers().delete("ticker");
        long deleted = System.nanoTime();
        // Whatever was already due may still land during the first second; nothing after it.
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> System.nanoTime() - deleted >= 1_000_000_000L);
        int afterOneSecond = firings.get();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> System.nanoTime() - deleted >= 2_000_000_000L);
        assertThat(firings.get()).isEqualTo(afterOneSecond);
    }

    @Test
    void aCronExpressionFiresOnTime() {
        GridNode node = cluster.node(0);
        node.functions().register(FunctionSpec.named("cron.tick").build(), Map.class, (firing, ctx) -> {
            cronFirings.add(((Number) firing.get("firedAt")).longValue());
            cronLate.add(System.currentTimeMillis() - ((Number) firing.get("firedAt")).longValue());
            return null;
        });
        cluster.nodes().stream().skip(1).forEach(other -> other.functions().register(FunctionSpec.named("cron.tick")
                .build(), Map.class, (firing, ctx) -> {
                    cronFirings.add(((Number) firing.get("firedAt")).longValue());
                    cronLate.add(System.currentTimeMillis() - ((Number) firing.get("firedAt")).longValue());
                    return null;
                }));
        node.triggers().create(ScheduleTrigger.cron("every-second", "cron.tick", "* * * * * ?"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cronFirings.size() >= 4);
        node.triggers().delete("every-second");
        // Each firing is due on a whole second, runs within a few hundred milliseconds of it, once.
        assertThat(cronFirings).allSatisfy(at -> assertThat(at % 1_000).isZero());
        assertThat(cronLate).allSatisfy(late -> assertThat(late).isBetween(0L, 500L));
        assertThat(new java.util.HashSet<>(cronFirings)).hasSameSizeAs(cronFirings);
        assertThatThrownBy(() -> ScheduleTrigger.cron("c", "f", "not a cron")).isInstanceOf(BadInputException.class).hasMessageContaining("Quartz expression");
    }

    static final List<Long> cronFirings = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final List<Long> cronLate = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void aTopicMessageInvokesTheFunctionOnceAcrossThreeMembers() {
        GridNode node = cluster.node(2);
        node.triggers().create(new TopicTrigger("on-news", "on.message", "news"));
        var topic = cluster.node(0).hazelcast().<String>getReliableTopic("news");
        for (int i = 0; i < 20; i++) {
            topic.publish("message-" + i);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> topicMessages.size() == 20);
        Awaitility.await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertThat(topicMessages.values()).containsOnly(1);
    }

    private static TriggerDefinition json(String text) {
        return TriggerDefinition.fromJson(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void badDefinitionsAreRefusedNamingTheField() {
        Triggers triggers = cluster.node(0).triggers();
        assertThatThrownBy(() -> json("{\"type\":\"webhook\",\"name\":\"t\",\"function\":\"f\"}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("type must be").hasMessageContaining("webhook");
        assertThatThrownBy(() -> json("{\"name\":\"t\",\"function\":\"f\"}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("type must be");
        assertThatThrownBy(() -> json("{\"type\":\"map-event\",\"name\":\"t\",\"function\":\"f\",\"map\":\"m\","
                + "\"events\":[\"CHANGED\"]}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("events must be one of [ADDED, UPDATED, REMOVED]: CHANGED");
        assertThatThrownBy(() -> json("{\"type\":\"topic\",\"name\":\"t\",\"function\":\"f\"}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("topic name must not be blank");
        assertThatThrownBy(() -> json("{\"type\":\"topic\",\"name\":\"t\",\"function\":\"f\",\"topic\":\"gridlet.x\"}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("topic name gridlet.x is reserved");
        assertThatThrownBy(() -> ScheduleTrigger.every("t", "f", 1))
                .hasMessageContaining("intervalMillis of at least 10");
        assertThatThrownBy(() -> new ScheduleTrigger("t", "f", null, null, null))
                .hasMessageContaining("either intervalMillis or cron");
        assertThatThrownBy(() -> json("{\"type\":\"schedule\",\"name\":\"t\",\"function\":\"f\",\"intervalMillis\":100,"
                + "\"missed\":\"sometimes\"}")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("missed must be run-once or skip");
        ScheduleTrigger cron = ScheduleTrigger.cron("c", "f", "*/5 * * * * ?").withMissed(MissedFiring.SKIP);
        assertThat(TriggerDefinition.fromJson(cron.toJson().getBytes(StandardCharsets.UTF_8))).isEqualTo(cron);
        assertThat(cron.toJson()).contains("\"type\":\"schedule\"").contains("\"missed\":\"skip\"");
        cluster.node(0).hazelcast().getMap("already-used").set("k", 1);
        assertThatThrownBy(() -> triggers.create(mapEvent("late", "describe", "already-used", null, null)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("already in use without an event journal");
        assertThatThrownBy(() -> triggers.get("nope")).isInstanceOf(TriggerNotFoundException.class);
        assertThat(Set.of()).isEmpty();
    }
}
