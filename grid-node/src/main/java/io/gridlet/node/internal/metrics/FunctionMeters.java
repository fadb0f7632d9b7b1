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

    private final MeterRegistry registry;
    private final Counter[] invocations = new Counter[OUTCOMES.length];
    private final Timer duration;
    private final AtomicInteger inflight = new AtomicInteger();
    private final List<Meter> meters = new ArrayList<>();

    public FunctionMeters(MeterRegistry registry, String function, String version) {
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
                .register(registry));
        remember(Gauge.builder(GridletMeters.FUNCTION_INFLIGHT, inflight, AtomicInteger::get)
                .description("Invocations running on this member now")
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
