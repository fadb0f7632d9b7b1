package io.gridlet.samples.functions;

import com.hazelcast.core.HazelcastJsonValue;
import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import java.util.Map;
import io.gridlet.samples.functions.Orders.Line;

/**
 * Sums an order's lines where the order lives: the order is the routed entry, read on its owner
 * with no network hop, and only the total travels back.
 */
@Function(name = "orders.total", description = "Sums an order's lines on the member that holds the order")
public final class OrderTotal implements GridFunction<Object, Map<String, Object>> {

    @Override
    public Map<String, Object> apply(Object ignored, FunctionContext ctx) {
        HazelcastJsonValue order = ctx.<HazelcastJsonValue>entry().get();
        if (order == null) {
            throw new IllegalArgumentException("no order " + ctx.key());
        }
        double total = 0;
        for (Line line : Orders.lines(order)) {
            total += line.quantity() * line.price();
        }
        return Map.of("order", ctx.key(), "total", total,
                "member", ctx.hazelcast().getCluster().getLocalMember().getAddress().toString());
    }
}
