package io.gridlet.benchmarks.harness;

import io.gridlet.node.Guarantee;
import io.gridlet.node.MapEventType;
import io.gridlet.node.MapEventTrigger;
import com.hazelcast.config.EventJournalConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.Util;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.pipeline.JournalInitialPosition;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.Sources;
import com.hazelcast.map.IMap;
import io.gridlet.node.Triggers;
import io.gridlet.node.TriggerDefinition;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario g: events through Gridlet map-event triggers, at-least-once and exactly-once (journal,
 * function invocation, result map), against a bare Jet pipeline doing the same copy (journal to
 * map, no function), fed the same events in the same run. Throughput is events over the time from
 * the first write until the last result landed. Then each runs open loop: entries written at a fixed
 * rate (50% and 80% of what bare Jet sustained), and each event's lag measured from the time its
 * write was due (so a writer that falls behind is counted) to the time the driver sees its result.
 */
final class TriggerScenario {

    record Result(String name, int events, double eventsPerSec, double lagMillis) {
    }

    /** An open-loop run's lag: where it was, how fast, and its percentiles in milliseconds. */
    record Lag(String name, double ratePerSec, long events, double p50Millis, double p99Millis, double p999Millis) {
    }

    /** Throughput and lag, for the report. */
    record Results(List<Result> throughput, List<Lag> lags) {
    }

    private static final String[] KINDS = {"atLeastOnce", "exactlyOnce", "bareJet"};

    private TriggerScenario() {
    }

    /** Creates the triggers on a member (the triggers API lives in the member), or deletes them afterwards. */
    static final class TriggerTask implements Callable<String>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private final boolean create;
        private transient HazelcastInstance hazelcast;

        TriggerTask(boolean create) {
            this.create = create;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.hazelcast = hazelcastInstance;
        }

        @Override
        public String call() {
            Triggers triggers = BenchMember.member().triggers();
            if (!create) {
                triggers.delete("bench-trigger");
                triggers.delete("bench-trigger-once");
                return "deleted";
            }
            triggers.create(MapEventTrigger.on("bench-trigger-once", "bench.event", "trigger-once-in")
                    .onlyOn(MapEventType.ADDED).withResultsIn("trigger-once-out").withGuarantee(Guarantee.EXACTLY_ONCE));
            return triggers.create(MapEventTrigger.on("bench-trigger", "bench.event", "trigger-in")
                    .onlyOn(MapEventType.ADDED).withResultsIn("trigger-out")).jobStatus();
        }
    }

    static Results run(HazelcastInstance raw, int events, int rounds, double lagSeconds) throws Exception {
        raw.getConfig().addMapConfig(new MapConfig("jet-in").setEventJournalConfig(
                new EventJournalConfig().setEnabled(true).setCapacity(1_000_000)));
        Pipeline copy = Pipeline.create();
        copy.readFrom(Sources.<String, Object>mapJournal("jet-in", JournalInitialPosition.START_FROM_CURRENT))
                .withoutTimestamps()
                .map(event -> Util.entry(event.getKey(), event.getValue()))
                .writeTo(Sinks.map("jet-out"));
        Job bare = raw.getJet().newJob(copy, new JobConfig().setName("bench-bare-jet"));
        raw.getExecutorService("bench").submit(new TriggerTask(true)).get(60, TimeUnit.SECONDS);
        try {
            awaitRunning(raw, bare);
            double[][] best = new double[3][2];
            for (int round = 0; round < rounds; round++) {
                // The order turns each round, so that no kind always runs first.
                for (int k = 0; k < KINDS.length; k++) {
                    int kind = (k + round) % KINDS.length;
                    best[kind] = best(best[kind], feed(raw, in(KINDS[kind]), out(KINDS[kind]), events,
                            "r" + round + "-"));
                }
            }
            List<Result> throughput = List.of(new Result("trigger_gridlet", events, best[0][0], best[0][1]),
                    new Result("trigger_gridletExactlyOnce", events, best[1][0], best[1][1]),
                    new Result("trigger_bareJet", events, best[2][0], best[2][1]));
            List<Lag> lags = new ArrayList<>();
            if (lagSeconds > 0) {
                for (int percent : new int[] {50, 80}) {
                    double rate = best[2][0] * percent / 100;
                    for (String kind : KINDS) {
                        lags.add(openLoop(raw, kind, percent, rate, lagSeconds));
                    }
                }
            }
            return new Results(throughput, lags);
        } finally {
            bare.cancel();
            raw.getExecutorService("bench").submit(new TriggerTask(false)).get(60, TimeUnit.SECONDS);
        }
    }

    private static String in(String kind) {
        return switch (kind) {
            case "atLeastOnce" -> "trigger-in";
            case "exactlyOnce" -> "trigger-once-in";
            default -> "jet-in";
        };
    }

    private static String out(String kind) {
        return switch (kind) {
            case "atLeastOnce" -> "trigger-out";
            case "exactlyOnce" -> "trigger-once-out";
            default -> "jet-out";
        };
    }

    /** Open-loop writes go out every this often, each tick's entries in one {@code putAll}, as the throughput run writes. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /**
     * Writes at {@code rate} for {@code seconds}: every 50 ms, the entries due by then in one
     * asynchronous {@code putAll}, issued when due whatever the writes before did, as the closed-loop
     * throughput run writes. Each entry's value is the time it was due; a {@link LagProbe} on every
     * member times each result as it is written, on the member that owns it.
     */
    private static Lag openLoop(HazelcastInstance raw, String kind, int percent, double rate, double seconds)
            throws Exception {
        IMap<String, Long> source = raw.getMap(in(kind));
        int events = (int) Math.max(1, rate * seconds);
        String prefix = "lag" + percent + "-";
        String probe = kind + "-" + percent;
        com.hazelcast.core.IExecutorService executor = raw.getExecutorService("bench");
        for (java.util.concurrent.Future<String> started : executor.submitToAllMembers(
                new LagProbe.Start(probe, out(kind), prefix)).values()) {
            started.get(30, TimeUnit.SECONDS);
        }
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        int next = 0;
        while (next < events) {
            long at = start + (long) (next * 1e9 / rate);
            long tickDue = at - (at - start) % TICK_NANOS;
            long wait = tickDue - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Map<String, Long> tick = new HashMap<>();
            while (next < events) {
                long due = start + (long) (next * 1e9 / rate);
                if (due - (due - start) % TICK_NANOS != tickDue) {
                    break;
                }
                tick.put(prefix + next, tickDue);
                next++;
            }
            source.putAllAsync(tick);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (count(executor, probe) < events) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(kind + " at " + Math.round(rate) + "/s: " + count(executor, probe)
                        + " of " + events + " results arrived within 2 minutes");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        org.HdrHistogram.Histogram lag = new org.HdrHistogram.Histogram(3);
        for (java.util.concurrent.Future<byte[]> stopped : executor.submitToAllMembers(new LagProbe.Stop(probe)).values()) {
            lag.add(LagProbe.decode(stopped.get(30, TimeUnit.SECONDS)));
        }
        return new Lag("trigger_lag_" + kind + "_" + percent, rate, lag.getTotalCount(),
                lag.getValueAtPercentile(50) / 1e3, lag.getValueAtPercentile(99) / 1e3,
                lag.getValueAtPercentile(99.9) / 1e3);
    }

    private static long count(com.hazelcast.core.IExecutorService executor, String probe) throws Exception {
        long seen = 0;
        for (java.util.concurrent.Future<Long> count : executor.submitToAllMembers(new LagProbe.Count(probe)).values()) {
            seen += count.get(30, TimeUnit.SECONDS);
        }
        return seen;
    }

    private static void awaitRunning(HazelcastInstance raw, Job bare) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Job trigger = raw.getJet().getJob("gridlet-trigger-bench-trigger");
            Job once = raw.getJet().getJob("gridlet-trigger-bench-trigger-once");
            if (bare.getStatus() == com.hazelcast.jet.core.JobStatus.RUNNING && trigger != null
                    && trigger.getStatus() == com.hazelcast.jet.core.JobStatus.RUNNING && once != null
                    && once.getStatus() == com.hazelcast.jet.core.JobStatus.RUNNING) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new IllegalStateException("the triggers' jobs or the bare Jet job did not start");
    }

    /** Writes {@code events} new entries; returns {events/s, lag ms} once every result has landed. */
    private static double[] feed(HazelcastInstance raw, String in, String out, int events, String prefix) {
        IMap<String, Integer> source = raw.getMap(in);
        IMap<String, Object> results = raw.getMap(out);
        int before = results.size();
        long start = System.nanoTime();
        Map<String, Integer> batch = new HashMap<>();
        for (int i = 0; i < events; i++) {
            batch.put(prefix + i, i);
            if (batch.size() == 1_000 || i == events - 1) {
                source.putAll(batch);
                batch.clear();
            }
        }
        long written = System.nanoTime();
        long deadline = written + TimeUnit.MINUTES.toNanos(2);
        while (results.size() < before + events) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(out + " got " + (results.size() - before) + " of " + events + " results");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        long done = System.nanoTime();
        return new double[] {events / ((done - start) / 1e9), (done - written) / 1e6};
    }

    /** The round with the higher throughput. */
    private static double[] best(double[] a, double[] b) {
        return b[0] > a[0] ? b : a;
    }
}
