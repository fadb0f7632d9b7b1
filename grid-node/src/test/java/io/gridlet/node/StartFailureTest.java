package io.gridlet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.Hazelcast;
import io.gridlet.node.internal.trigger.GridTriggers;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A member whose services fail to start after it joined leaves the cluster before the error reaches its caller. */
class StartFailureTest {

    @Test
    void aMemberWhoseTriggersCannotStartIsTerminatedAndTheErrorReachesTheCaller() {
        try (TestCluster cluster = TestCluster.start(1, 2, builder -> { })) {
            GridNode first = cluster.node(0);
            // A stored definition the next member cannot read: its triggers fail to start once it has joined.
            first.hazelcast().<String, String>getMap(GridTriggers.DEFINITIONS).set("broken", "{not a definition");
            int before = Hazelcast.getAllHazelcastInstances().size();

            assertThatThrownBy(cluster::startMember).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("a stored trigger definition cannot be read");

            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> first.hazelcast().getCluster().getMembers().size() == 1);
            assertThat(Hazelcast.getAllHazelcastInstances()).as("no half-started member stays in this JVM")
                    .hasSize(before);
            // The cluster goes on: the first member still runs calls.
            first.functions().register("still.up", String.class, (input, ctx) -> input);
            assertThat(first.invoker().invoke(Invocation.of("still.up").input("yes").build(), String.class))
                    .isEqualTo("yes");
        }
    }
}
