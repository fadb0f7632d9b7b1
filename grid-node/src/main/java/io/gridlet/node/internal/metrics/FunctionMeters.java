package io.gridlet.node.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one function version on one member, created once when the version is
 * registered and kept in fields, so that an invocation only increments. Thread-safe.
 */
public final class FunctionMeters {

    private static final Outcome[] OUTCOMES = Outcome.values();
    /** The shortest run a histogram bucket separates: below it, calls are all "fast". */
    static final java.time.Duration MIN_EXPECTED = java.time.Duration.ofNanos(50_000);
    /** The longest: twice the default timeout, past which a run has been cut off anyway. */
    static final java.time.Duration MAX_EXPECTED = java.time.Duration.ofMillis(2 * io.gridlet.api.Function.DEFAULT_TIMEOUT_MILLIS);

    private final MeterRegistry registry;
    private final Counter[] invocations = new Counter[OUTCOMES.length];
    private final Timer duration;
    private final AtomicInteger inflight = new AtomicInteger();
    private final List<Meter> meters = new ArrayList<>();

    /**
     * @param maxConcurrency the version's limit on calls at once on one member, published beside
     *                       its in-flight count
     */
    public FunctionMeters(MeterRegistry registry, String function, String version, int maxConcurrency) {
        this.registry = registry;
        for (Outcome outcome : OUTCOMES) {
            invocations[outcome.ordinal()] = remember(Counter.builder(GridletMeters.FUNCTION_INVOCATIONS)
                    .description("Invocations finished on this member, by outcome")
                    .tag(GridletMeters.TAG_FUNCTION, function)
                    .tag(GridletMeters.TAG_VERSION, version)
                    .tag(GridletMeters.TAG_OUTCOME, outcome.tag())
                    .register(registry));
        }
        duration = remember(Timer.builder(GridletMeters.FUNCTION_DURATION)
                .description("Time the function ran on this member")
                .tag(GridletMeters.TAG_FUNCTION, function)
                .tag(GridletMeters.TAG_VERSION, version)
                .publishPercentiles(0.5, 0.95, 0.99)
                // Buckets too, which add up across members: Prometheus computes a cluster-wide
                // quantile from them (histogram_quantile over the sum of every member's buckets),
                // which this member's own percentiles above cannot give. Bounded to what a call can take.
                .publishPercentileHistogram()
                .minimumExpectedValue(MIN_EXPECTED)
                .maximumExpectedValue(MAX_EXPECTED)
                .register(registry));
        remember(Gauge.builder(GridletMeters.FUNCTION_INFLIGHT, inflight, AtomicInteger::get)
                .description("Invocations running on this member now")
                .tag(GridletMeters.TAG_FUNCTION, function)
                .tag(GridletMeters.TAG_VERSION, version)
                .register(registry));
        remember(Gauge.builder(GridletMeters.FUNCTION_CONCURRENCY_LIMIT, () -> maxConcurrency)
                .description("Calls of this version that may run at once on this member; past it, overloaded")
                .tag(GridletMeters.TAG_FUNCTION, function)
                .tag(GridletMeters.TAG_VERSION, version)
                .register(registry));
    }

    private <M extends Meter> M remember(M meter) {
        meters.add(meter);
        return meter;
    }

    /** Counts one finished invocation. */
    public void record(Outcome outcome) {
        invocations[outcome.ordinal()].increment();
    }

    /** Counts one finished run of the function and its time. */
    public void record(Outcome outcome, long nanos) {
        invocations[outcome.ordinal()].increment();
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void started() {
        inflight.incrementAndGet();
    }

    public void finished() {
        inflight.decrementAndGet();
    }

    /** Invocations running now. */
    public int inflight() {
        return inflight.get();
    }

    /** Removes this version's meters from the registry, when the version goes. */
    public void remove() {
        for (Meter meter : meters) {
            registry.remove(meter);
        }
    }
}
