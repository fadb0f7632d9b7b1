package io.gridlet.samples.functions;

import io.gridlet.api.Function;
import io.gridlet.api.FunctionContext;
import io.gridlet.api.GridFunction;
import io.gridlet.api.RoutedEntry;

/**
 * Reserves units of a product's stock atomically: concurrent reservations of one product run
 * one after another on its owner, so stock never goes below zero and no update is lost.
 */
@Function(name = "stock.reserve", maxConcurrency = 32, description = "Reserves stock atomically")
public final class StockReserve implements GridFunction<Long, Long> {

    @Override
    public Long apply(Long units, FunctionContext ctx) {
        RoutedEntry<Long> stock = ctx.entry();
        long available = stock.get() == null ? 0 : stock.get();
        if (units <= 0 || units > available) {
            throw new IllegalStateException("cannot reserve " + units + " of " + available + " for " + ctx.key());
        }
        stock.set(available - units);
        ctx.logger().info("reserved {} of {} for {}", units, available, ctx.key());
        return available - units;
    }
}
