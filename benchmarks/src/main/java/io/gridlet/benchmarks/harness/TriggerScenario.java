package io.gridlet.benchmarks.harness;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario g: events through a Gridlet map-event trigger (journal, function invocation, result
 * map) against a bare Jet pipeline doing the same copy (journal to map, no function), fed the same
 * events in the same run. Throughput is events over the time from the first write until the last
 * result landed; lag is the time from the last write's acknowledgement until its result landed.
 */
final class TriggerScenario {

    record Result(String name, int events, double eventsPerSec, double lagMillis) {
    }

    private TriggerScenario() {
    }

    /** Creates the trigger on a member (the triggers API lives in the member), or deletes it afterwards. */
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
                return "deleted";
            }
            return triggers.create(MapEventTrigger.on("bench-trigger", "bench.event", "trigger-in")
                    .onlyOn(MapEventType.ADDED).withResultsIn("trigger-out")).jobStatus();
        }
    }

    static List<Result> run(HazelcastInstance raw, int events, int rounds) throws Exception {
        raw.getConfig().addMapConfig(new MapConfig("jet-in").setEventJournalConfig(
                new EventJournalConfig().setEnabled(true).setCapacity(1_000_000)));
        Pipeline copy = Pipeline.create();
        copy.readFrom(Sources.<String, Integer>mapJournal("jet-in", JournalInitialPosition.START_FROM_CURRENT))
                .withoutTimestamps()
                .map(event -> Util.entry(event.getKey(), event.getValue()))
                .writeTo(Sinks.map("jet-out"));
        Job bare = raw.getJet().newJob(copy, new JobConfig().setName("bench-bare-jet"));
        raw.getExecutorService("bench").submit(new TriggerTask(true)).get(60, TimeUnit.SECONDS);
        try {
            awaitRunning(raw, bare);
            double[] trigger = new double[2];
            double[] jet = new double[2];
            for (int round = 0; round < rounds; round++) {
                double[] t = feed(raw, "trigger-in", "trigger-out", events, "r" + round + "-");
                double[] j = feed(raw, "jet-in", "jet-out", events, "r" + round + "-");
                trigger = best(trigger, t);
                jet = best(jet, j);
            }
            return List.of(new Result("trigger_gridlet", events, trigger[0], trigger[1]),
                    new Result("trigger_bareJet", events, jet[0], jet[1]));
        } finally {
            bare.cancel();
            raw.getExecutorService("bench").submit(new TriggerTask(false)).get(60, TimeUnit.SECONDS);
        }
    }

    private static void awaitRunning(HazelcastInstance raw, Job bare) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Job trigger = raw.getJet().getJob("gridlet-trigger-bench-trigger");
            if (bare.getStatus() == com.hazelcast.jet.core.JobStatus.RUNNING && trigger != null
                    && trigger.getStatus() == com.hazelcast.jet.core.JobStatus.RUNNING) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new IllegalStateException("the trigger's job or the bare Jet job did not start");
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
