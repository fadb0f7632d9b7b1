package io.gridlet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import io.gridlet.node.GridNode;
import io.gridlet.node.MapEventTrigger;
import io.gridlet.node.ScheduleTrigger;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code members(3)}: three members in one cluster, calls on the keys' owners, and a trigger waited on. */
class ClusterExtensionTest {

    @RegisterExtension
    static final GridletExtension GRID = GridletExtension.withFunctions(WhereAmI.class, Shout.class).members(3);

    /** Answers the member it ran on. */
    @Function(name = "kit.where")
    public static final class WhereAmI implements GridFunction<String, String> {
        @Override
        public String apply(String input, FunctionContext ctx) {
            return ctx.hazelcast().getCluster().getLocalMember().getUuid().toString();
        }
    }

    /** A map event's value, upper-cased. */
    @Function(name = "kit.shout")
    public static final class Shout implements GridFunction<Map<String, Object>, String> {
        @Override
        public String apply(Map<String, Object> event, FunctionContext ctx) {
            return String.valueOf(event.get("value")).toUpperCase(java.util.Locale.ROOT);
        }
    }

    @Test
    void callsByKeyRunOnEachKeysOwnerAcrossThreeMembers() {
        assertThat(GRID.nodes()).hasSize(3);
        assertThat(GRID.node().hazelcast().getCluster().getMembers()).hasSize(3);
        Set<String> ranOn = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            String key = "k" + i;
            String member = GRID.invoker().invokeOnKey("kit.where", "places", key, key, String.class);
            String owner = GRID.node().hazelcast().getPartitionService().getPartition(key).getOwner().getUuid()
                    .toString();
            assertThat(member).as("the owner of " + key).isEqualTo(owner);
            ranOn.add(member);
        }
        assertThat(ranOn).as("the owners the calls ran on").hasSize(3);
    }

    @Test
    void theTriggerHelperSeesAMapEventTriggersResult() {
        GridNode node = GRID.nodes().get(1);
        node.triggers().create(new MapEventTrigger("kit-shout", "kit.shout", "words", null, "shouted", null));
        try {
            assertThat(GRID.putAndAwaitResult("kit-shout", "w1", "hello", Duration.ofSeconds(30))).isEqualTo("HELLO");
            assertThat(GRID.putAndAwaitResult("kit-shout", "w1", "again", Duration.ofSeconds(30))).isEqualTo("AGAIN");
        } finally {
            node.triggers().delete("kit-shout");
        }
    }

    @Test
    void theTriggerHelperRefusesWhatItCannotWaitOn() {
        GRID.node().triggers().create(ScheduleTrigger.every("kit-tick", "kit.where", 60_000));
        GRID.node().triggers().create(new MapEventTrigger("kit-quiet", "kit.shout", "quiet", null, null, null));
        try {
            assertThatThrownBy(() -> GRID.putAndAwaitResult("kit-tick", "k", "v", Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a map-event trigger");
            assertThatThrownBy(() -> GRID.putAndAwaitResult("kit-quiet", "k", "v", Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no result map");
        } finally {
            GRID.node().triggers().delete("kit-tick");
            GRID.node().triggers().delete("kit-quiet");
        }
        assertThatThrownBy(() -> GridletExtension.withFunctions().members(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
