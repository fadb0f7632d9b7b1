package io.gridlet.samples.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastJsonValue;
import io.gridlet.api.FunctionFailedException;
import io.gridlet.node.FanOut;
import io.gridlet.node.Invocation;
import io.gridlet.node.Invoker;
import io.gridlet.testkit.GridletExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sample functions, tested as an author tests: with the test kit, on a real member. */
class SampleFunctionsTest {

    @RegisterExtension
    static final GridletExtension grid = GridletExtension.withFunctions(OrderTotal.class, StockReserve.class,
            SalesReport.class, OrderEnrich.class);

    static HazelcastJsonValue order(int apples) {
        return new HazelcastJsonValue("{\"lines\":[{\"sku\":\"apple\",\"quantity\":" + apples
                + ",\"price\":0.5},{\"sku\":\"pear\",\"quantity\":2,\"price\":1.25}]}");
    }

    @Test
    void orderTotalSumsTheOrdersLines() {
        grid.map("orders").set("o-1", order(3));
        Map<?, ?> total = grid.invoker().invokeOnKey("orders.total", "orders", "o-1", null, Map.class);
        assertThat(total.get("total")).isEqualTo(4.0);
        assertThat(total.get("order")).isEqualTo("o-1");
        assertThatThrownBy(() -> grid.invoker().invokeOnKey("orders.total", "orders", "missing", null, Map.class))
                .isInstanceOf(FunctionFailedException.class).hasMessageContaining("no order missing");
    }

    @Test
    void stockReserveTakesUnitsOnceAndRefusesTooMany(Invoker invoker) {
        grid.<String, Long>map("stock").set("plum", 10L);
        Invocation reserve = Invocation.of("stock.reserve").onKey("stock", "plum").input(3L).idempotencyKey("cart-1").build();
        assertThat(invoker.invoke(reserve, Long.class)).isEqualTo(7L);
        assertThat(invoker.invoke(reserve, Long.class)).as("the same idempotency key").isEqualTo(7L);
        assertThat(grid.<String, Long>map("stock").get("plum")).isEqualTo(7L);
        assertThatThrownBy(() -> invoker.invoke(Invocation.of("stock.reserve").onKey("stock", "plum").input(8L).build(),
                Long.class)).isInstanceOf(FunctionFailedException.class).hasMessageContaining("cannot reserve 8 of 7");
    }

    @Test
    void salesReportSumsEveryOrderOverTheMembersOwnPartitions() {
        for (int i = 1; i <= 10; i++) {
            grid.map("orders").set("r-" + i, order(i));
        }
        double expected = grid.<String, HazelcastJsonValue>map("orders").values().stream()
                .mapToDouble(value -> Orders.lines(value).stream().mapToDouble(l -> l.quantity() * l.price()).sum()).sum();
        Double total = grid.invoker().fanOut(FanOut.of("sales.report", "orders"), Double.class).reduce(0.0, Double::sum);
        assertThat(total).isEqualTo(expected);
    }

    @Test
    void orderEnrichComputesTotalAndItemsOfAnArrivingOrder() {
        Map<?, ?> enriched = grid.invoker().invoke(Invocation.of("orders.enrich").input(Map.of("map", "incoming",
                "key", "o-9", "type", "ADDED", "value", Map.of("lines", List.of(Map.of("sku", "plum", "quantity", 4,
                        "price", 0.75))))).build(), Map.class);
        assertThat(((Number) enriched.get("total")).doubleValue()).isEqualTo(3.0);
        assertThat(((Number) enriched.get("items")).longValue()).isEqualTo(4L);
        assertThat(enriched.get("order")).isEqualTo("o-9");
        assertThat(grid.invoker().invoke(Invocation.of("orders.enrich").input(Map.of("map", "incoming", "key", "o-9",
                "type", "REMOVED")).build(), Map.class)).isNull();
    }
}
