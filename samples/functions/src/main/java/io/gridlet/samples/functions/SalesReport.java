package io.gridlet.samples.functions;

import com.hazelcast.core.HazelcastJsonValue;
import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import java.util.Map;

/**
 * A fan-out report: each member sums the orders it holds, reading only its own partitions, and
 * the caller adds the members' sums. No order crosses the network.
 */
@Function(name = "sales.report", description = "Sums every order's value, each member over its own orders")
public final class SalesReport implements GridFunction<Object, Double> {

    @Override
    public Double apply(Object ignored, FunctionContext ctx) {
        double total = 0;
        for (Map.Entry<String, HazelcastJsonValue> order : ctx.<String, HazelcastJsonValue>localEntries("orders")) {
            for (Orders.Line line : Orders.lines(order.getValue())) {
                total += line.quantity() * line.price();
            }
        }
        return total;
    }
}
