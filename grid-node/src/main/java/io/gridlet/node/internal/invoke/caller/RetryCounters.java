package io.gridlet.node.internal.invoke.caller;

import io.gridlet.node.internal.metrics.GridletMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code gridlet.function.retries}, one counter per function, registered the first time a call of
 * the function is sent again: retries are rare, and a function that never retries shows none.
 * Thread-safe.
 */
final class RetryCounters {

    private final MeterRegistry meters;
    private final Map<String, Counter> byFunction = new ConcurrentHashMap<>();

    RetryCounters(MeterRegistry meters) {
        this.meters = meters;
    }

    /** One call of {@code function} sent again. */
    void increment(String function) {
        byFunction.computeIfAbsent(function, name -> Counter.builder(GridletMeters.FUNCTION_RETRIES)
                .description("Calls sent again after their member left")
                .tag(GridletMeters.TAG_FUNCTION, name)
                .register(meters)).increment();
    }
}
