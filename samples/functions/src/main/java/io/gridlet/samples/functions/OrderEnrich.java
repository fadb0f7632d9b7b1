package io.gridlet.samples.functions;

import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import java.util.List;
import java.util.Map;

/**
 * A map-event function: when an order arrives, compute its total and item count. A trigger puts
 * the answer in its result map under the order's key. Removed orders produce nothing.
 */
@Function(name = "orders.enrich", description = "Adds the total and item count of an order when it arrives")
public final class OrderEnrich implements GridFunction<Map<String, Object>, Map<String, Object>> {

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> apply(Map<String, Object> event, FunctionContext ctx) {
        if (!(event.get("value") instanceof Map<?, ?> order)) {
            return null;
        }
        double total = 0;
        long items = 0;
        for (Map<String, Object> line : (List<Map<String, Object>>) order.get("lines")) {
            long quantity = ((Number) line.get("quantity")).longValue();
            total += quantity * ((Number) line.get("price")).doubleValue();
            items += quantity;
        }
        return Map.of("order", event.get("key"), "total", total, "items", items, "event", event.get("type"));
    }
}
