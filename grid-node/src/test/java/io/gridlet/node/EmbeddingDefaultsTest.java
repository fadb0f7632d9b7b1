package io.gridlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Embedding works on the builder's defaults, and the example in {@link GridNode}'s Javadoc runs. */
class EmbeddingDefaultsTest {

    /** The function of {@link GridNode}'s Javadoc example: the total of an order. */
    @Function(name = "orders.total")
    public static final class OrderTotal implements GridFunction<Object, Object> {
        @Override
        public Object apply(Object input, FunctionContext ctx) {
            Double total = ctx.<Double>entry().get();
            return total == null ? 0.0 : total;
        }
    }

    @Test
    void twoMembersOnTheirDefaultsFormOneClusterOfTwo() {
        try (GridNode first = GridNode.builder().start(); GridNode second = GridNode.builder().start()) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(first.hazelcast().getCluster().getMembers()).hasSize(2);
                assertThat(second.hazelcast().getCluster().getMembers()).hasSize(2);
            });
            assertThat(first.hazelcast().getCluster().getLocalMember().getAddress().getPort()).isEqualTo(5701);
            assertThat(second.hazelcast().getCluster().getLocalMember().getAddress().getPort()).isEqualTo(5702);
            // A lambda registered by name, and called through the other member.
            first.functions().register("greet", String.class, (name, ctx) -> "hello " + name);
            second.functions().register("greet", String.class, (name, ctx) -> "hello " + name);
            assertThat(second.invoker().invoke(Invocation.of("greet").input("grid").build(), String.class))
                    .isEqualTo("hello grid");
        }
    }

    @Test
    void theJavadocExampleRuns() {
        // As in GridNode's Javadoc, with the entry it reads written first.
        try (GridNode node = GridNode.builder().clusterName("shop").port(5701).start()) {
            node.functions().register(OrderTotal.class);
            node.hazelcast().getMap("orders").set("o-1", 12.5);
            Object total = node.invoker().invokeOnKey("orders.total", "orders", "o-1", null, Object.class);
            assertThat(total).isEqualTo(12.5);
        }
    }
}
