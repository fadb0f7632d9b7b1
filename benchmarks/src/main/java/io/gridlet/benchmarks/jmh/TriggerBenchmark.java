package io.gridlet.benchmarks.jmh;

import io.gridlet.node.Guarantee;
import io.gridlet.node.MapEventType;
import io.gridlet.node.MapEventTrigger;
import com.hazelcast.config.EventJournalConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.pipeline.JournalInitialPosition;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.Sources;
import com.hazelcast.jet.Util;
import com.hazelcast.map.IMap;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.GridNode;
import io.gridlet.node.KeyRoutedTransport;
import io.gridlet.node.TriggerDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Map events to results, on 3 members: a Gridlet map-event trigger (at-least-once and
 * exactly-once) against a bare Jet pipeline from the same journal to a map doing the same
 * transform in plain Java. Each sample writes {@value #EVENTS} entries to a fresh map, once the
 * job runs and has turned a probe event into a result, and waits until every result is in; events
 * per second is {@value #EVENTS} over the sample's time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class TriggerBenchmark {

    static final int EVENTS = 20_000;

    @Param({"bareJet", "triggerAtLeastOnce", "triggerExactlyOnce"})
    public String kind;

    List<GridNode> nodes;
    GridNode node;
    int round;
    String source;
    String results;
    Job bare;
    String trigger;

    @Setup(Level.Trial)
    public void start() {
        nodes = Members.start(3, KeyRoutedTransport.ENTRY_PROCESSOR, config -> { });
        nodes.forEach(member -> member.functions().register(FunctionSpec.named("upper").build(), Map.class,
                (event, ctx) -> ((String) event.get("value")).toUpperCase()));
        node = nodes.get(0);
    }

    @Setup(Level.Iteration)
    public void fresh() {
        round++;
        source = kind + "-in-" + round;
        results = kind + "-out-" + round;
        if (kind.equals("bareJet")) {
            node.hazelcast().getConfig().addMapConfig(new MapConfig(source)
                    .setEventJournalConfig(new EventJournalConfig().setEnabled(true).setCapacity(1_000_000)));
            Pipeline pipeline = Pipeline.create();
            pipeline.readFrom(Sources.<String, String>mapJournal(source, JournalInitialPosition.START_FROM_OLDEST))
                    .withoutTimestamps()
                    .map(entry -> Util.entry(entry.getKey(), entry.getValue().toUpperCase()))
                    .writeTo(Sinks.map(results));
            bare = node.hazelcast().getJet().newJob(pipeline, new JobConfig().setName(source)
                    .setProcessingGuarantee(ProcessingGuarantee.AT_LEAST_ONCE).setSnapshotIntervalMillis(1_000));
        } else {
            trigger = source;
            node.triggers().create(MapEventTrigger.on(trigger, "upper", source).onlyOn(MapEventType.ADDED)
                    .withResultsIn(results).withGuarantee(kind.equals("triggerExactlyOnce")
                            ? Guarantee.EXACTLY_ONCE : Guarantee.AT_LEAST_ONCE));
        }
        awaitRunning();
    }

    /**
     * Waits until the job runs, and a probe event written to the source has come out as a result:
     * a sample times the events, not the job's start, which differs between the pipelines.
     */
    private void awaitRunning() {
        IMap<String, String> in = node.hazelcast().getMap(source);
        IMap<String, String> out = node.hazelcast().getMap(results);
        in.set("probe", "p");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!out.containsKey("probe")) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException(kind + ": the job did not start within 60 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @TearDown(Level.Iteration)
    public void stopJob() {
        if (bare != null) {
            bare.cancel();
            bare = null;
        }
        if (trigger != null) {
            node.triggers().delete(trigger);
            trigger = null;
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        Members.stop(nodes);
    }

    @Benchmark
    public int eventsToResults() throws InterruptedException {
        IMap<String, String> in = node.hazelcast().getMap(source);
        IMap<String, String> out = node.hazelcast().getMap(results);
        String value = "v".repeat(100);
        for (int batch = 0; batch < EVENTS / 1_000; batch++) {
            Map<String, String> entries = new HashMap<>();
            for (int i = batch * 1_000; i < (batch + 1) * 1_000; i++) {
                entries.put("k" + i, value);
            }
            in.putAll(entries);
        }
        // The probe written before the sample is one result more.
        while (out.size() < EVENTS + 1) {
            Thread.sleep(5);
        }
        return out.size() - 1;
    }
}
