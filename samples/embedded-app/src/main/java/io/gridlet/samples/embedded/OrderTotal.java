package io.gridlet.samples.embedded;

import com.hazelcast.core.HazelcastJsonValue;
import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import java.util.Map;

/**
 * Sums an order's lines where the order lives: the order is the routed entry, read on its owner
 * with no network hop, and only the total travels back.
 */
@Function(name = "orders.total", description = "Sums an order's lines on the member that holds the order")
public final class OrderTotal implements GridFunction<Object, Map<String, Object>> {

    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public Map<String, Object> apply(Object ignored, FunctionContext ctx) throws Exception {
        HazelcastJsonValue order = ctx.<HazelcastJsonValue>entry().get();
        if (order == null) {
            throw new IllegalArgumentException("no order " + ctx.key());
        }
        double total = 0;
        for (var line : json.readTree(order.getValue()).get("lines")) {
            total += line.get("quantity").asLong() * line.get("price").asDouble();
        }
        return Map.of("order", ctx.key(), "total", total,
                "member", ctx.hazelcast().getCluster().getLocalMember().getAddress().toString());
    }
}
