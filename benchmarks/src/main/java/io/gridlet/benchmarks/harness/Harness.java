package io.gridlet.benchmarks.harness;

import io.gridlet.testkit.LoopbackPorts;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import com.hazelcast.aggregation.Aggregators;
import io.gridlet.node.FanOut;
import io.gridlet.node.GridletClient;
import io.gridlet.node.Invocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The cluster harness: starts member JVMs on loopback, drives them from this JVM through a
 * {@link GridletClient} and a plain Hazelcast client, and measures each scenario against its
 * baselines in the same run, interleaved in rounds so that the ratios hold on a noisy machine.
 *
 * <p>{@code java -cp benchmarks.jar io.gridlet.benchmarks.harness.Harness [--quick] [--members=3]
 * [--out=benchmarks/results]} writes {@code OUT/latest/results.json} and {@code report.md}, and a
 * dated copy.
 */
public final class Harness {

    /** One measured scenario: closed loop, one caller thread unless it says otherwise. */
    public record Scenario(String name, int payloadBytes, double opsPerSec, double p50Micros, double p99Micros,
                           double p999Micros, long operations, Double wireBytesPerOp, Integer roundTrips) {
    }

    /** One scenario driven open loop at a fixed rate; latency counts from each call's intended start. */
    public record OpenLoop(String name, double ratePerSec, double p50Micros, double p99Micros, double p999Micros,
                           long operations, long late) {
    }

    /** How a scenario reaches the grid: which client's network counters see it, and its round trips per call. */
    private record Route(HazelcastInstance client, int roundTrips) {
    }

    private final boolean quick;
    private final int memberCount;
    private final Path out;
    private final PrintStream log;
    private final List<Process> members = new ArrayList<>();
    private final Map<String, Histogram> histograms = new LinkedHashMap<>();
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, Integer> payloads = new LinkedHashMap<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<String, Double> wireBytes = new LinkedHashMap<>();
    private final List<OpenLoop> openLoops = new ArrayList<>();
    /** The triggers' open-loop lag runs, as rows of results.json's {@code triggerLag}. */
    private final List<Map<String, Object>> triggerLags = new ArrayList<>();
    private Progress progress;
    private Path nodeJar = Path.of("management/target/gridlet.jar");
    private Path jfr;
    private double tracingRatio;
    private Only only = Only.ALL;
    private BenchTracing tracing;

    public Harness(boolean quick, int memberCount, Path out, PrintStream log) {
        this.quick = quick;
        this.memberCount = memberCount;
        this.out = out;
        this.log = log;
    }

    /**
     * Traces every call at this sampling ratio (0 for off, the default): each JVM exports its spans
     * by OTLP/HTTP to a receiver in the driver, as a node with {@code gridlet.tracing.otlp-endpoint} does.
     */
    public Harness tracing(double ratio) {
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("the sampling ratio must be within 0 and 1: " + ratio);
        }
        this.tracingRatio = ratio;
        return this;
    }

    /** Which scenarios a run measures: all of them, or one group, for its figures in minutes rather than the whole run's. */
    public enum Only {
        /** Every scenario, written to results.json. */
        ALL,
        /** The trigger scenario (g), written to results.json with its ratios and lag. */
        TRIGGERS,
        /** The hot keys, printed rather than written: for profiling them. */
        HOTKEYS,
        /** The REST scenarios on their standalone node, printed rather than written: for profiling them. */
        REST
    }

    public Harness only(Only group) {
        this.only = java.util.Objects.requireNonNull(group, "group");
        return this;
    }

    /** Records each member JVM with Java Flight Recorder (profile settings) into {@code dir}. */
    public Harness jfr(Path dir) {
        this.jfr = dir;
        return this;
    }

    /** The standalone node's jar, for the REST scenario; without it the scenario is left out. */
    public Harness nodeJar(Path jar) {
        this.nodeJar = jar;
        return this;
    }

    public static void main(String[] args) throws Exception {
        Path nodeJar = Path.of("management/target/gridlet.jar");
        Path jfr = null;
        boolean wallClock = false;
        boolean quick = false;
        int members = 3;
        Path out = Path.of("benchmarks/results");
        double smoke = 0;
        double seconds = 0;
        double tracing = 0;
        Only only = Only.ALL;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--members=")) {
                members = Integer.parseInt(arg.substring("--members=".length()));
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else if (arg.startsWith("--jfr=")) {
                jfr = Path.of(arg.substring("--jfr=".length()));
            } else if (arg.startsWith("--profile=")) {
                jfr = Path.of(arg.substring("--profile=".length()));
                wallClock = true;
            } else if (arg.startsWith("--node-jar=")) {
                nodeJar = Path.of(arg.substring("--node-jar=".length()));
            } else if (arg.startsWith("--only=") && java.util.Set.of("triggers", "hotkeys", "rest")
                    .contains(arg.substring("--only=".length()))) {
                only = Only.valueOf(arg.substring("--only=".length()).toUpperCase(java.util.Locale.ROOT));
            } else if (arg.startsWith("--tracing=")) {
                tracing = Double.parseDouble(arg.substring("--tracing=".length()));
            } else if (arg.startsWith("--seconds=")) {
                seconds = Double.parseDouble(arg.substring("--seconds=".length()));
            } else if (arg.startsWith("--smoke=")) {
                smoke = Double.parseDouble(arg.substring("--smoke=".length()));
            } else {
                System.err.println("usage: Harness [--quick] [--members=N] [--out=DIR] [--node-jar=management/target/gridlet.jar] [--jfr=DIR] [--profile=DIR] [--tracing=RATIO] [--seconds=S] [--only=triggers|hotkeys|rest]");
                System.exit(2);
            }
        }
        // The REST node closes a keep-alive connection idle for 5 minutes (Micronaut's default), the
        // JDK's client keeps one for 20: a full run's 16-connection scenario, minutes after the
        // last REST call, took a pooled connection as the node closed it and the run failed on
        // "header parser received no bytes". Idle connections are dropped here first.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "60");
        }
        Harness harness = new Harness(quick, members, out, System.out).nodeJar(nodeJar).jfr(jfr).tracing(tracing)
                .only(only);
        jdk.jfr.Recording driver = wallClock ? WallClock.startDriverRecording(jfr) : null;
        harness.run(smoke > 0 ? smoke : seconds > 0 ? seconds : quick ? 0.6 : 3.0, quick || smoke > 0 ? 2 : 3);
        if (driver != null) {
            driver.stop();
            driver.close();
        }
        System.exit(0);
    }

    /** Runs every scenario for {@code seconds} per round, {@code rounds} times, and writes the results. */
    public Map<String, Object> run(double seconds, int rounds) throws Exception {
        NetworkBytes.enable();
        String cluster = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<Integer> ports = LoopbackPorts.free(memberCount);
        List<String> seeds = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        tracing = tracingRatio > 0 ? BenchTracing.start(tracingRatio) : null;
        io.opentelemetry.sdk.OpenTelemetrySdk driverTracing = tracing == null ? null
                : BenchTracing.sdk(tracing.endpoint(), tracing.ratio());
        try {
            startMembers(cluster, ports, seeds);
            GridletClient.Builder client = GridletClient.builder().clusterName(cluster).addresses(seeds);
            if (driverTracing != null) {
                client.openTelemetry(driverTracing);
            }
            try (GridletClient gridlet = client.connect()) {
                HazelcastInstance raw = rawClient(cluster, seeds);
                try {
                    measure(gridlet, raw, seconds, rounds);
                } finally {
                    raw.shutdown();
                }
            }
        } finally {
            members.forEach(Process::destroy);
            for (Process member : members) {
                member.waitFor(30, TimeUnit.SECONDS);
            }
            if (driverTracing != null) {
                driverTracing.close();
            }
            if (tracing != null) {
                extra.put("tracing", Map.of("samplingRatio", tracing.ratio(), "exports", tracing.exports(),
                        "exportedBytes", tracing.bytes()));
                tracing.close();
            }
        }
        if (only == Only.HOTKEYS || only == Only.REST) {
            extra.forEach((name, value) -> log.printf("%s %s%n", name, value));
            histograms.forEach((name, histogram) -> log.printf("%s p50 %d us, p99 %d us, %d calls%n", name,
                    histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), histogram.getTotalCount()));
            return extra;
        }
        Map<String, Object> results = only == Only.TRIGGERS ? triggerResults() : results();
        write(results);
        return results;
    }

    private void measure(GridletClient gridlet, HazelcastInstance raw, double seconds, int rounds) throws Exception {
        if (only == Only.TRIGGERS) {
            log.printf("triggers only: at least once, exactly once and bare Jet, closed loop then open loop%n");
            measureTriggers(raw, seconds, rounds);
            return;
        }
        if (only == Only.HOTKEYS) {
            hotKeys(gridlet, raw, seconds, rounds);
            return;
        }
        try (LoopbackEcho echo = new LoopbackEcho(100); RestNode rest = startRestNode()) {
            measure(gridlet, raw, echo, rest, seconds, rounds);
        }
    }

    private RestNode startRestNode() throws Exception {
        if (!Files.isRegularFile(nodeJar)) {
            log.printf("no %s: the REST scenario is left out (build it with ./mvnw -B -DskipTests install)%n", nodeJar);
            extra.put("rest_left_out", "no node jar at " + nodeJar);
            return null;
        }
        List<Integer> ports = LoopbackPorts.free(2);
        log.printf("starting a standalone node for the REST scenario%n");
        return RestNode.start(nodeJar, ports.get(0), ports.get(1), jfr, tracing == null ? List.of()
                : List.of("--gridlet.tracing.otlp-endpoint=" + tracing.endpoint(),
                "--gridlet.tracing.sampling-ratio=" + tracing.ratio()));
    }

    private void measure(GridletClient gridlet, HazelcastInstance raw, LoopbackEcho echo, RestNode rest, double seconds,
                         int rounds) throws Exception {
        if (only == Only.REST) {
            if (rest == null) {
                throw new IllegalStateException("no node jar at " + nodeJar + ": nothing to measure over REST");
            }
            Map<String, Callable<Object>> scenarios = new LinkedHashMap<>();
            add(scenarios, "rest_trivial_http", 0, rest::overRest);
            add(scenarios, "rest_invoke_http", 100, rest::invokeReadOverRest);
            add(scenarios, "rest_get_entry_http", 100, rest::getEntryOverRest);
            progress = new Progress(log, scenarios.size() * rounds);
            for (int round = 0; round < rounds; round++) {
                interleaved(new ArrayList<>(scenarios.keySet()), scenarios, round, seconds);
            }
            return;
        }
        IExecutorService executor = raw.getExecutorService("bench");
        Map<String, Callable<Object>> scenarios = new LinkedHashMap<>();
        for (int size : new int[] {100, 10_240, 1_048_576}) {
            String label = size == 100 ? "100B" : size == 10_240 ? "10KB" : "1MB";
            String map = "rmw-" + label;
            IMap<String, byte[]> rawMap = raw.getMap(map);
            rawMap.set("k", Payloads.of(size));
            Invocation rmw = Invocation.of("bench.rmw").onKey(map, "k").build();
            add(scenarios, "rmw_" + label + "_gridlet", size, gridlet.hazelcast(), 1,
                    () -> gridlet.invoker().invoke(rmw, Long.class));
            Invocation rmwOnPartitionThread = Invocation.of("bench.rmw.pt").onKey(map, "k").build();
            add(scenarios, "rmw_" + label + "_gridletPartitionThread", size, gridlet.hazelcast(), 1,
                    () -> gridlet.invoker().invoke(rmwOnPartitionThread, Long.class));
            add(scenarios, "rmw_" + label + "_entryProcessor", size, raw, 1,
                    () -> rawMap.executeOnKey("k", new RawTasks.ReadModifyWrite()));
            add(scenarios, "rmw_" + label + "_offloadableEntryProcessor", size, raw, 1,
                    () -> rawMap.executeOnKey("k", new RawTasks.OffloadableReadModifyWrite()));
            add(scenarios, "rmw_" + label + "_durableOffloadedEntryProcessor", size, raw, 1,
                    () -> rawMap.executeOnKey("k", new RawTasks.OffloadedReadReplace(map)));
            add(scenarios, "rmw_" + label + "_submitToKeyOwner", size, raw, 1,
                    () -> executor.submitToKeyOwner(new RawTasks.OwnerReadModifyWrite(map, "k"), "k").get());
            add(scenarios, "rmw_" + label + "_fetchComputePut", size, raw, 2, () -> {
                byte[] value = rawMap.get("k");
                Payloads.increment(value);
                rawMap.set("k", value);
                return null;
            });
        }
        IMap<String, byte[]> small = raw.getMap("get-floor");
        small.set("k", Payloads.of(100));
        Invocation trivial = Invocation.of("bench.trivial").key("k").build();
        add(scenarios, "trivial_gridlet", 0, gridlet.hazelcast(), 1, () -> gridlet.invoker().invoke(trivial, Long.class));
        Invocation trivialOnPartitionThread = Invocation.of("bench.trivial.pt").key("k").build();
        add(scenarios, "trivial_gridletPartitionThread", 0, gridlet.hazelcast(), 1,
                () -> gridlet.invoker().invoke(trivialOnPartitionThread, Long.class));
        add(scenarios, "trivial_get", 100, raw, 1, () -> small.get("k"));
        add(scenarios, "trivial_offloadedEntryProcessor", 0, raw, 1,
                () -> small.executeOnKey("k", new RawTasks.OffloadedNothing()));
        IMap<String, byte[]> big = raw.getMap("aggregate-1MB");
        big.set("k", Payloads.of(1_048_576));
        Invocation aggregate = Invocation.of("bench.aggregate").onKey("aggregate-1MB", "k").build();
        add(scenarios, "aggregate1MB_gridlet", 1_048_576, gridlet.hazelcast(), 1,
                () -> gridlet.invoker().invoke(aggregate, Long.class));
        add(scenarios, "aggregate1MB_entryProcessor", 1_048_576, raw, 1,
                () -> big.executeOnKey("k", new RawTasks.Checksum()));
        add(scenarios, "aggregate1MB_fetch", 1_048_576, raw, 1, () -> Payloads.checksum(big.get("k")));
        int entries = loadNumbers(raw.getMap("fanout-numbers"), seconds);
        IMap<String, Long> numbers = raw.getMap("fanout-numbers");
        FanOut sum = FanOut.of("bench.sum", "fanout-numbers").withInput("fanout-numbers").withTimeout(Duration.ofMinutes(1));
        long viaGridlet = gridlet.invoker().fanOut(sum, Long.class).reduce(0L, Long::sum);
        extra.put("fanout_entries", entries);
        extra.put("fanout_sums_agree", viaGridlet == numbers.aggregate(Aggregators.longSum()));
        add(scenarios, "fanout_gridlet", entries, gridlet.hazelcast(), 1,
                () -> gridlet.invoker().fanOut(sum, Long.class).reduce(0L, Long::sum));
        add(scenarios, "fanout_aggregate", entries, raw, 1, () -> numbers.aggregate(Aggregators.longSum()));
        add(scenarios, "loopback_echo", 100, echo::roundTrip);
        if (rest != null) {
            add(scenarios, "rest_trivial_http", 0, rest::overRest);
            add(scenarios, "rest_trivial_client", 0, rest.client().hazelcast(), 1, rest::overClient);
            add(scenarios, "rest_invoke_http", 100, rest::invokeReadOverRest);
            add(scenarios, "rest_get_entry_http", 100, rest::getEntryOverRest);
        }

        // A group: a scenario and its baselines, which run in turn and, open loop, at the rate they share.
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String name : scenarios.keySet()) {
            groups.computeIfAbsent(group(name), group -> new ArrayList<>()).add(name);
        }
        if (seconds >= 0.5) {
            settleCompilers(scenarios, executor);
        }
        progress = new Progress(log, scenarios.size() * rounds * 2 + scenarios.size() + 2);
        for (int round = 0; round < rounds; round++) {
            for (List<String> group : groups.values()) {
                interleaved(group, scenarios, round, seconds);
            }
        }
        for (Map.Entry<String, Callable<Object>> scenario : scenarios.entrySet()) {
            progress.step("bytes on the wire " + scenario.getKey());
            measureWireBytes(scenario.getKey(), scenario.getValue());
        }
        // Open loop, a round at a time too, each scenario's calls in as many slices as there are
        // rounds, its group's order rotated each round, and its latencies added up across them.
        Map<String, Double> rates = new LinkedHashMap<>();
        for (List<String> group : groups.values()) {
            // The same offered load for a scenario and its baselines: half what the slowest of them sustains closed loop.
            double rate = Math.min(2_000, 0.5 * group.stream().mapToDouble(name -> counts.get(name)[0]
                    / (counts.get(name)[1] / 1e9)).min().orElseThrow());
            group.forEach(name -> rates.put(name, rate));
        }
        Map<String, OpenLoopSlices> slices = new LinkedHashMap<>();
        try (HostStalls stalls = new HostStalls()) {
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, List<String>> group : groups.entrySet()) {
                    // A ratio's p99 needs its calls: at least TAIL_CALLS a scenario across the rounds.
                    boolean tail = seconds >= 0.5 && TAIL_GROUPS.contains(group.getKey());
                    List<String> names = group.getValue();
                    for (int i = 0; i < names.size(); i++) {
                        String name = names.get((i + round) % names.size());
                        double rate = rates.get(name);
                        progress.step("open loop " + name + " at " + Math.round(rate) + "/s, round " + (round + 1));
                        double slice = tail ? Math.max(seconds, TAIL_CALLS / rate / rounds) : seconds;
                        OpenLoopSlices into = slices.computeIfAbsent(name, n -> new OpenLoopSlices());
                        String from = java.time.LocalTime.now().toString();
                        stalls.sinceLast();
                        Histogram sliceLatency = openLoop(scenarios.get(name), rate, slice, into);
                        Histogram machine = stalls.sinceLast();
                        // Each slice's tail beside the machine's stalls meanwhile, to tell a stall that
                        // fell on one slice from a tail of the scenario's own.
                        into.slices.add(String.format("from %s: p99 %d us, max %d us; the driver stalled up to %d us,"
                                        + " %d times over 5 ms", from, sliceLatency.getValueAtPercentile(99),
                                sliceLatency.getMaxValue(), machine.getMaxValue(),
                                machine.getCountBetweenValues(5_000, machine.getHighestTrackableValue())));
                    }
                }
            }
        }
        slices.forEach((name, loop) -> extra.put("openloop_slices_" + name, loop.slices));
        slices.forEach((name, loop) -> openLoops.add(new OpenLoop(name, rates.get(name),
                loop.histogram.getValueAtPercentile(50), loop.histogram.getValueAtPercentile(99),
                loop.histogram.getValueAtPercentile(99.9), loop.calls, loop.late)));
        progress.step("hot keys");
        hotKeys(gridlet, raw, seconds, rounds);
        if (rest != null) {
            progress.step("REST with 16 connections");
            restConcurrent(rest, seconds * rounds);
        }
        progress.step("trigger vs bare Jet");
        measureTriggers(raw, seconds, rounds);
        progress.done();
    }

    /** Scenario g: triggers at least once and exactly once against bare Jet, closed loop, then open loop. */
    private void measureTriggers(HazelcastInstance raw, double seconds, int rounds) throws Exception {
        int events = seconds < 0.5 ? 2_000 : quick ? 30_000 : 50_000;
        TriggerScenario.Results triggers = TriggerScenario.run(raw, events, rounds,
                seconds < 0.5 ? 0 : quick ? 3 : 10);
        for (TriggerScenario.Result result : triggers.throughput()) {
            extra.put(result.name() + "_eventsPerSec", result.eventsPerSec());
            extra.put(result.name() + "_lagMillis", result.lagMillis());
        }
        for (TriggerScenario.Lag lag : triggers.lags()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", lag.name());
            row.put("ratePerSec", lag.ratePerSec());
            row.put("events", lag.events());
            row.put("p50Millis", lag.p50Millis());
            row.put("p99Millis", lag.p99Millis());
            row.put("p999Millis", lag.p999Millis());
            triggerLags.add(row);
        }
        extra.put("trigger_events", events);
    }

    /**
     * Bytes per call on the wire between the caller and the grid, from the client's Hazelcast
     * network counters: the least of three batches, so that a heartbeat in one does not count.
     */
    private void measureWireBytes(String name, Callable<Object> call) throws Exception {
        Route route = routes.get(name);
        if (route == null) {
            return;
        }
        int batch = payloads.get(name) >= 1_000_000 || name.startsWith("fanout") ? 5 : 200;
        double least = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            least = Math.min(least, NetworkBytes.perOperation(route.client(), batch, call));
        }
        wireBytes.put(name, least);
    }

    /**
     * Calls at a fixed rate from one thread. Each call's latency counts from when it was meant to
     * start, not from when it did: a slow call delays the next ones, and their wait is counted
     * (the correction for coordinated omission).
     */
    private Histogram openLoop(Callable<Object> call, double rate, double seconds, OpenLoopSlices into) throws Exception {
        Histogram slice = new Histogram(3_600_000_000L, 3);
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long calls = Math.max(1, (long) (seconds * rate));
        for (long i = 0; i < calls; i++) {
            long intended = start + i * interval;
            long now = System.nanoTime();
            if (now < intended) {
                java.util.concurrent.locks.LockSupport.parkNanos(intended - now);
            } else if (now - intended > interval) {
                into.late++;
            }
            call.call();
            slice.recordValue(Math.max(1, (System.nanoTime() - intended) / 1_000));
        }
        into.histogram.add(slice);
        into.calls += calls;
        return slice;
    }

    /**
     * The open-loop groups whose p99 a ratio compares, and the calls each of their scenarios makes
     * at least (a quick run's 1.2 s made about 900 at 100 B, whose p99 was then the 9th worst call:
     * one stall of the machine, for whichever scenario it fell on, moved it by ten times).
     */
    static final java.util.Set<String> TAIL_GROUPS = java.util.Set.of("rmw_100B", "trivial");
    static final int TAIL_CALLS = 5_000;

    /** One scenario's open-loop calls across its slices: their latencies, how many, and how many started late. */
    private static final class OpenLoopSlices {
        final Histogram histogram = new Histogram(3_600_000_000L, 3);
        final List<String> slices = new ArrayList<>();
        long calls;
        long late;
    }

    /** Long values for the fan-out scenario: 1M entries, 200,000 in a quick run, 20,000 in the smoke test. */
    private int loadNumbers(IMap<String, Long> numbers, double seconds) {
        int entries = seconds < 0.5 ? 20_000 : quick ? 200_000 : 1_000_000;
        log.printf("loading %d entries for the fan-out scenario%n", entries);
        Map<String, Long> batch = new HashMap<>();
        for (int i = 0; i < entries; i++) {
            batch.put("n-" + i, (long) i);
            if (batch.size() == 10_000 || i == entries - 1) {
                numbers.putAll(batch);
                batch.clear();
            }
        }
        return entries;
    }

    private void add(Map<String, Callable<Object>> scenarios, String name, int payload, Callable<Object> call) {
        scenarios.put(name, call);
        payloads.put(name, payload);
    }

    private void add(Map<String, Callable<Object>> scenarios, String name, int payload, HazelcastInstance client,
                     int roundTrips, Callable<Object> call) {
        add(scenarios, name, payload, call);
        routes.put(name, new Route(client, roundTrips));
    }

    /**
     * Warms a scenario up before its first round, until its latency stops falling: half a round
     * (2 s for a REST scenario), then slices of 0.5 s (1 s) until two in a row have a median no
     * more than 5% below the best slice before them, at most {@value #WARM_UP_SLICES}: the hot
     * keys' rule. The run's details say how long each took ({@code warmup_seconds_*}). The smoke
     * test's runs are kept short.
     *
     * <p>Why: on two cores shared by three members, the members compile for tens of seconds, and
     * a fixed warm-up measured how far each path had compiled. With half a round (0.3 s in a quick
     * run), the first group of a quick run ran while the members still compiled the paths of all
     * the others: in one run every scenario of {@code rmw_100B} measured 1.3 to 2.6 times its
     * latency in the runs before it ({@code submitToKeyOwner} 1,066 µs against 404 and 422), and
     * the paths with more code (Gridlet's, the durable processor's) the slowest. The REST
     * scenarios' standalone node is first called at the end of the run, and its JIT compiler takes
     * seconds to compile the HTTP path: after a fixed 2 s, an invoke measured 1.6 times its warm
     * latency and a GET (less code) 1.3 times. Two flat slices, not one: with one, the REST
     * warm-ups ended at 4 to 6 s and two quick runs had the invoke at 1.86 and 1.49 times the GET.
     *
     * @return how long the closed loop still warms up before it measures
     */
    private double warmUp(String scenario, Callable<Object> call, double seconds) throws Exception {
        if (seconds < 0.5) {
            return seconds / 2;
        }
        boolean rest = scenario.startsWith("rest_");
        long start = System.nanoTime();
        Plateau plateau = Plateau.ofLatency(sliceMedian(call, rest ? 2.0 : seconds / 2));
        for (int slice = 0; slice < WARM_UP_SLICES; slice++) {
            if (plateau.reached(sliceMedian(call, rest ? 1.0 : 0.5))) {
                break;
            }
        }
        extra.put("warmup_seconds_" + scenario, Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        return 0;
    }

    /**
     * Before the first round: every scenario in turn for {@value #SETTLE_SLICE} s, pass after pass,
     * until the JIT compilers of the members and of this driver have settled ({@link #settled}),
     * at most {@value #SETTLE_PASSES} passes. The run's details have the compile time of each pass
     * ({@code jit_settle_compile_millis}) and how long it took ({@code jit_settle_seconds}).
     *
     * <p>Why: the ratios compare what a call costs once its code is compiled, as in a grid that
     * has run for minutes, and a scenario's own warm-up ({@link #warmUp}) cannot tell a latency
     * that stopped falling because its code is compiled from one that stands still while the
     * compilers work on other methods. On two cores shared by three members and the driver, the
     * compile queue is the limit: in a quick run's JIT log ({@code -Xlog:jit+compilation}), the
     * member owning the measured key compiled {@code CallByKeyOperation.call} with C2 85 s after
     * it started and {@code runBatch} 99 s after, where the quick run had measured the group 20
     * to 30 s after, in tier-3 code. Gridlet's 100 B call took 222 to 314 µs in those quick runs
     * against 177 µs in a full run, while the baselines, fewer and smaller methods that compile
     * sooner, moved less (159 to 191 µs against 145). With the compilers settled, three quick runs
     * had Gridlet at 1.28 to 1.35 of the plain processor, where they had spread from 1.40 to 1.80.
     */
    private void settleCompilers(Map<String, Callable<Object>> scenarios, IExecutorService executor) throws Exception {
        long start = System.nanoTime();
        List<Long> spent = new ArrayList<>();
        long before = compileMillis(executor);
        for (int pass = 0; pass < SETTLE_PASSES && before >= 0; pass++) {
            for (Callable<Object> call : scenarios.values()) {
                spin(call, SETTLE_SLICE);
            }
            long now = compileMillis(executor);
            if (now < 0) {
                break;
            }
            spent.add(now - before);
            before = now;
            log.printf("settling the compilers: pass %d, %d ms compiling in the members and the driver%n",
                    pass + 1, spent.get(spent.size() - 1));
            if (settled(spent)) {
                break;
            }
        }
        extra.put("jit_settle_compile_millis", spent);
        extra.put("jit_settle_seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
    }

    /** The milliseconds the members' and this driver's JIT compilers have spent so far; -1 if one does not say. */
    private static long compileMillis(IExecutorService executor) throws Exception {
        long total = RawTasks.CompileTime.compileMillis();
        for (Future<Long> member : executor.submitToAllMembers(new RawTasks.CompileTime()).values()) {
            long millis = member.get(30, TimeUnit.SECONDS);
            if (millis < 0) {
                return -1;
            }
            total += millis;
        }
        return total < 0 ? -1 : total;
    }

    /** Each scenario's turn in a pass of {@link #settleCompilers}, in seconds. */
    public static final double SETTLE_SLICE = 0.25;

    /**
     * Whether the compilers have settled after these passes: the last compiled no more than a
     * tenth of what the first did. Never nothing at all: with four JVMs, code that runs rarely
     * (the members' housekeeping, a timer) still compiles, about 1.5 s a pass in a quick run
     * against 16 s in the first.
     */
    public static boolean settled(List<Long> spent) {
        return spent.size() >= 2 && spent.get(spent.size() - 1) * 10 <= spent.get(0);
    }

    /** At most this many passes of {@link #settleCompilers}. */
    static final int SETTLE_PASSES = 10;

    /** At most this many slices of a scenario's warm-up after its first. */
    static final int WARM_UP_SLICES = 15;

    /** Calls back to back for {@code seconds}: the median latency, in microseconds. */
    private static long sliceMedian(Callable<Object> call, double seconds) throws Exception {
        Histogram slice = new Histogram(3_600_000_000L, 2);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            long before = System.nanoTime();
            call.call();
            slice.recordValue(Math.max(1, (System.nanoTime() - before) / 1_000));
        }
        return slice.getValueAtPercentile(50);
    }

    /**
     * The group a scenario takes turns in: the scenarios that share its name but its last part
     * ({@code rmw_100B_*}), and the REST scenarios together, since they call the same node and
     * {@code rest_invoke_vs_rest_get_p50} compares two of them whose names share less.
     */
    static String group(String scenario) {
        if (scenario.startsWith("rest_")) {
            return "rest";
        }
        return scenario.contains("_") ? scenario.substring(0, scenario.lastIndexOf('_')) : scenario;
    }

    /**
     * One round of a group (a scenario and its baselines): warmed up first, in the first round,
     * then measured in {@value #INTERLEAVED_SLICES} slices each, the scenarios taking turns, in an
     * order rotated each round and each slice.
     *
     * <p>Why: a ratio compares a scenario with its baseline, and this machine's speed drifts by
     * the second (a plain loop timed 2x apart from one second to the next, with no steal). Run one
     * after the other for a whole round, a slow second fell on one side of a ratio only; taking
     * turns every fraction of a round, both sides share the machine's slow and fast seconds. It
     * does not make runs agree on its own: what also differs between runs is how far each JVM has
     * compiled (see {@link #warmUp}), and three quick runs still spread by a fifth and more on
     * some ratios. The rotation keeps any scenario from always running first, after whatever the
     * group before left behind (its garbage, a member still busy with it); that place was
     * Gridlet's, added first in each group.
     */
    private void interleaved(List<String> group, Map<String, Callable<Object>> scenarios, int round, double seconds)
            throws Exception {
        if (round == 0) {
            for (String name : group) {
                spin(scenarios.get(name), warmUp(name, scenarios.get(name), seconds));
            }
        }
        for (int slice = 0; slice < INTERLEAVED_SLICES; slice++) {
            for (int i = 0; i < group.size(); i++) {
                String name = group.get((i + round + slice) % group.size());
                if (slice == 0) {
                    progress.step("round " + (round + 1) + " " + name);
                }
                closedLoop(name, scenarios.get(name), seconds / INTERLEAVED_SLICES);
            }
        }
    }

    /** The slices a scenario's round is measured in, taking turns with its group's others. */
    static final int INTERLEAVED_SLICES = 6;

    /** Calls back to back for {@code seconds}, recording nothing. */
    private static void spin(Callable<Object> call, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            call.call();
        }
    }

    /** Calls back to back for {@code seconds}, recording each latency. */
    private void closedLoop(String name, Callable<Object> call, double seconds) throws Exception {
        Histogram histogram = histograms.computeIfAbsent(name, key -> new Histogram(3_600_000_000L, 3));
        long[] count = counts.computeIfAbsent(name, key -> new long[2]);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long operations = 0;
        while (System.nanoTime() < end) {
            long before = System.nanoTime();
            call.call();
            histogram.recordValue(Math.max(1, (System.nanoTime() - before) / 1_000));
            operations++;
        }
        count[0] += operations;
        count[1] += System.nanoTime() - start;
    }

    /**
     * 8 threads incrementing 4 keys: Gridlet (by executor and on the partition thread), a raw
     * offloadable entry processor, a replace retry loop, and a naive get-then-put. Each runs for a
     * time, not a count, after a warm-up of its own on its keys, and the rounds take the variants
     * in a rotated order, so that none is measured colder or always first. What was lost is what
     * was acknowledged and is not in the map.
     */
    private void hotKeys(GridletClient gridlet, HazelcastInstance raw, double seconds, int rounds) throws Exception {
        // A quick run's rounds are too short for a hot key's throughput; the smoke test's are kept short.
        double runSeconds = seconds < 0.5 ? seconds : Math.max(2.0, seconds);
        log.printf("hot keys: 8 threads over 4 keys, %d rounds of %.1f s per variant%n", rounds, runSeconds);
        AtomicLong casRetries = new AtomicLong();
        Map<String, KeyCall> variants = new LinkedHashMap<>();
        variants.put("gridlet", (map, key) ->
                gridlet.invoker().invoke(Invocation.of("bench.increment").onKey(map, key).build(), Long.class));
        variants.put("gridletPartitionThread", (map, key) ->
                gridlet.invoker().invoke(Invocation.of("bench.increment.pt").onKey(map, key).build(), Long.class));
        variants.put("fcpCas", (map, key) -> {
            IMap<String, Long> counters = raw.getMap(map);
            while (true) {
                Long current = counters.get(key);
                if (current == null ? counters.putIfAbsent(key, 1L) == null : counters.replace(key, current, current + 1)) {
                    return null;
                }
                casRetries.incrementAndGet();
            }
        });
        variants.put("offloadableEntryProcessor", (map, key) ->
                raw.<String, Long>getMap(map).executeOnKey(key, new RawTasks.OffloadableIncrement()));
        variants.put("fcpNaive", (map, key) -> {
            IMap<String, Long> counters = raw.getMap(map);
            Long current = counters.get(key);
            counters.set(key, current == null ? 1L : current + 1);
            return null;
        });
        List<String> names = new ArrayList<>(variants.keySet());
        String only = System.getProperty("gridlet.bench.hotkeys");
        if (only != null) {
            // For profiling one variant at a time: -Dgridlet.bench.hotkeys=gridlet,offloadableEntryProcessor
            names.retainAll(List.of(only.split(",")));
        }
        // Each variant warms up on the map it is measured on: a first run on a fresh map is a
        // warm-up of its own (in the peers' harness, Gridlet's 1 s slices rose from 3,297 to 8,227
        // ops/s on a fresh map right after 10,518 on another), which a 2 s round would measure.
        Map<String, Long> warmAcknowledged = new LinkedHashMap<>();
        for (String name : names) {
            warmAcknowledged.put(name, warmHotKeys(name, variants.get(name), runSeconds));
        }
        Map<String, long[]> totals = new LinkedHashMap<>();
        // Each round in slices, the variants taking turns, for the reason interleaved() gives.
        int slices = runSeconds < 0.5 ? 1 : HOT_KEY_SLICES;
        for (int round = 0; round < rounds; round++) {
            for (int slice = 0; slice < slices; slice++) {
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get((i + round + slice) % names.size());
                    log.printf("hot keys: %s, round %d, slice %d, from %s%n", name, round + 1, slice + 1,
                            java.time.LocalTime.now());
                    long[] run = hotKeyRun("hot-" + name, variants.get(name), runSeconds / slices);
                    long[] total = totals.computeIfAbsent(name, n -> new long[2]);
                    total[0] += run[0];
                    total[1] += run[1];
                }
            }
        }
        for (String name : names) {
            long[] total = totals.get(name);
            long counted = raw.<String, Long>getMap("hot-" + name).values().stream().mapToLong(Long::longValue).sum();
            // What was lost counts the warm-up's increments too; the throughput, the rounds' alone.
            extra.put("hotkey_" + name + "_acknowledged", warmAcknowledged.get(name) + total[0]);
            extra.put("hotkey_" + name + "_counted", counted);
            extra.put("hotkey_" + name + "_opsPerSec", total[0] / (total[1] / 1e9));
        }
        extra.put("hotkey_fcpCas_retries", casRetries.get());
    }
    /**
     * REST with 16 connections: closed loop for throughput, the invoke and the entry GET in turn,
     * then open loop at half the invoke's throughput, 16 callers, latency from each call's
     * intended start.
     */
    private void restConcurrent(RestNode rest, double seconds) throws Exception {
        int connections = 16;
        for (int round = 0; round < 2; round++) {
            for (String name : List.of("invoke", "get")) {
                Callable<Object> call = name.equals("invoke") ? rest::invokeReadOverRest : rest::getEntryOverRest;
                double ops = concurrentOps(call, connections, seconds / 2);
                extra.merge("rest16_" + name + "_opsPerSec", ops, (a, b) -> Math.max((double) a, (double) b));
            }
        }
        double rate = 0.5 * (double) extra.get("rest16_invoke_opsPerSec");
        for (String name : List.of("invoke", "get")) {
            Callable<Object> call = name.equals("invoke") ? rest::invokeReadOverRest : rest::getEntryOverRest;
            Histogram latency = openLoopConcurrent(call, connections, rate, seconds);
            extra.put("rest16_openloop_" + name + "_p50Micros", (double) latency.getValueAtPercentile(50));
            extra.put("rest16_openloop_" + name + "_p99Micros", (double) latency.getValueAtPercentile(99));
        }
        extra.put("rest16_openloop_ratePerSec", rate);
    }

    private static double concurrentOps(Callable<Object> call, int threads, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicLong done = new AtomicLong();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        call.call();
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            return done.get() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Histogram openLoopConcurrent(Callable<Object> call, int threads, double rate, double seconds)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            org.HdrHistogram.Recorder recorder = new org.HdrHistogram.Recorder(3);
            long interval = (long) (1e9 * threads / rate);
            long calls = Math.max(1, (long) (seconds * rate / threads));
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long offset = interval * t / threads;
                running.add(pool.submit(() -> {
                    for (long i = 0; i < calls; i++) {
                        long intended = start + offset + i * interval;
                        long now = System.nanoTime();
                        if (now < intended) {
                            java.util.concurrent.locks.LockSupport.parkNanos(intended - now);
                        }
                        call.call();
                        recorder.recordValue(Math.max(1, (System.nanoTime() - intended) / 1_000));
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            return recorder.getIntervalHistogram();
        } finally {
            pool.shutdownNow();
        }
    }

    interface KeyCall {
        Object call(String map, String key) throws Exception;
    }

    /**
     * Warms a hot-key variant up on the keys it is measured on: half a round, then, outside the smoke test, 1 s
     * slices until two in a row make no more than 5% above the best slice before them (at most
     * {@value #HOT_KEY_WARM_UP_SLICES}), the rule of the peers' harness. Why: on two cores shared by
     * three members, the members are still compiling well after a fixed warm-up (the JIT was half
     * of their CPU samples 40 s into a run), and a quick run's 2 s rounds then measured how fast
     * each path compiles: the same builds measured 0.77-0.79 of the offloadable processor in quick
     * runs and 0.93-0.98 in 20 s rounds. Two flat slices, not one: a path can stand still for a few
     * slices and then rise by a third as the next method compiles. The run's details say how long
     * each took ({@code warmup_seconds_hotkey_*}).
     */
    private long warmHotKeys(String name, KeyCall call, double runSeconds) throws Exception {
        long start = System.nanoTime();
        long acknowledged = hotKeyRun("hot-" + name, call, runSeconds / 2)[0];
        if (runSeconds < 0.5) {
            return acknowledged;
        }
        Plateau plateau = Plateau.ofThroughput();
        for (int slice = 0; slice < HOT_KEY_WARM_UP_SLICES; slice++) {
            long[] run = hotKeyRun("hot-" + name, call, 1.0);
            acknowledged += run[0];
            if (plateau.reached(run[0] / (run[1] / 1e9))) {
                break;
            }
        }
        extra.put("warmup_seconds_hotkey_" + name, Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        return acknowledged;
    }

    /** The slices a hot-key variant's round is measured in, taking turns with the other variants. */
    static final int HOT_KEY_SLICES = 4;

    /** At most this many 1 s slices of hot-key warm-up after the first half round. */
    static final int HOT_KEY_WARM_UP_SLICES = 15;

    /** Runs 8 threads on 4 keys of {@code map} for {@code seconds}: the calls acknowledged, and the nanoseconds taken. */
    private long[] hotKeyRun(String map, KeyCall call, double seconds) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    long acknowledged = 0;
                    for (int i = 0; System.nanoTime() < end; i++) {
                        call.call(map, "hot-" + ((thread + i) % 4));
                        acknowledged++;
                    }
                    return acknowledged;
                }));
            }
            long acknowledged = 0;
            for (Future<Long> future : done) {
                acknowledged += future.get();
            }
            return new long[] {acknowledged, System.nanoTime() - start};
        } finally {
            threads.shutdownNow();
        }
    }

    /** Increments acknowledged to the caller and missing from the map. */
    private long hotKeysLost(String variant) {
        return ((Number) extra.get("hotkey_" + variant + "_acknowledged")).longValue()
                - ((Number) extra.get("hotkey_" + variant + "_counted")).longValue();
    }

    private Map<String, Object> results() throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        for (Map.Entry<String, Histogram> entry : histograms.entrySet()) {
            Histogram histogram = entry.getValue();
            long[] count = counts.get(entry.getKey());
            Route route = routes.get(entry.getKey());
            scenarios.add(new Scenario(entry.getKey(), payloads.get(entry.getKey()), count[0] / (count[1] / 1e9),
                    histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                    histogram.getValueAtPercentile(99.9), count[0], wireBytes.get(entry.getKey()),
                    route == null ? null : route.roundTrips()));
        }
        Map<String, Scenario> byName = new LinkedHashMap<>();
        scenarios.forEach(scenario -> byName.put(scenario.name(), scenario));
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("gridlet_vs_submitToKeyOwner_p50", ratio(byName, "rmw_100B_gridlet", "rmw_100B_submitToKeyOwner"));
        ratios.put("gridlet_vs_entryProcessor_p50", ratio(byName, "rmw_100B_gridlet", "rmw_100B_entryProcessor"));
        ratios.put("gridlet_vs_offloadableEntryProcessor_p50",
                ratio(byName, "rmw_100B_gridlet", "rmw_100B_offloadableEntryProcessor"));
        ratios.put("gridlet_vs_durableOffloadedEntryProcessor_p50",
                ratio(byName, "rmw_100B_gridlet", "rmw_100B_durableOffloadedEntryProcessor"));
        ratios.put("durableOffloaded_vs_offloadableEntryProcessor_p50",
                ratio(byName, "rmw_100B_durableOffloadedEntryProcessor", "rmw_100B_offloadableEntryProcessor"));
        ratios.put("gridlet_trivial_vs_get_p50", ratio(byName, "trivial_gridlet", "trivial_get"));
        // The same calls to functions declared for the partition thread (@Function(partitionThread = true)).
        ratios.put("partitionThread_gridlet_vs_submitToKeyOwner_p50",
                ratio(byName, "rmw_100B_gridletPartitionThread", "rmw_100B_submitToKeyOwner"));
        ratios.put("partitionThread_gridlet_vs_entryProcessor_p50",
                ratio(byName, "rmw_100B_gridletPartitionThread", "rmw_100B_entryProcessor"));
        ratios.put("partitionThread_gridlet_vs_offloadableEntryProcessor_p50",
                ratio(byName, "rmw_100B_gridletPartitionThread", "rmw_100B_offloadableEntryProcessor"));
        ratios.put("partitionThread_fetchComputePut_vs_gridlet_p50_100B",
                ratio(byName, "rmw_100B_fetchComputePut", "rmw_100B_gridletPartitionThread"));
        ratios.put("partitionThread_gridlet_trivial_vs_get_p50",
                ratio(byName, "trivial_gridletPartitionThread", "trivial_get"));
        ratios.put("gridlet_trivial_vs_offloadedEntryProcessor_p50",
                ratio(byName, "trivial_gridlet", "trivial_offloadedEntryProcessor"));
        ratios.put("offloadedEntryProcessor_vs_get_p50", ratio(byName, "trivial_offloadedEntryProcessor", "trivial_get"));
        ratios.put("hotkey_gridlet_vs_fcpCas_throughput",
                (double) extra.get("hotkey_gridlet_opsPerSec") / (double) extra.get("hotkey_fcpCas_opsPerSec"));
        ratios.put("hotkey_gridlet_vs_offloadableEntryProcessor_throughput",
                (double) extra.get("hotkey_gridlet_opsPerSec")
                        / (double) extra.get("hotkey_offloadableEntryProcessor_opsPerSec"));
        ratios.put("hotkey_partitionThread_vs_fcpCas_throughput",
                (double) extra.get("hotkey_gridletPartitionThread_opsPerSec") / (double) extra.get("hotkey_fcpCas_opsPerSec"));
        ratios.put("hotkey_partitionThread_vs_offloadableEntryProcessor_throughput",
                (double) extra.get("hotkey_gridletPartitionThread_opsPerSec")
                        / (double) extra.get("hotkey_offloadableEntryProcessor_opsPerSec"));
        ratios.put("hotkey_partitionThread_lost", hotKeysLost("gridletPartitionThread"));
        ratios.put("hotkey_gridlet_lost", hotKeysLost("gridlet"));
        ratios.put("hotkey_offloadableEntryProcessor_lost", hotKeysLost("offloadableEntryProcessor"));
        ratios.put("hotkey_fcpCas_lost", hotKeysLost("fcpCas"));
        ratios.put("hotkey_fcpNaive_lost_fraction",
                1.0 - ((Number) extra.get("hotkey_fcpNaive_counted")).doubleValue()
                        / ((Number) extra.get("hotkey_fcpNaive_acknowledged")).doubleValue());
        ratios.put("aggregate1MB_fcp_vs_gridlet_p50", ratio(byName, "aggregate1MB_fetch", "aggregate1MB_gridlet"));
        Double fetchBytes = wireBytes.get("aggregate1MB_fetch");
        Double gridletBytes = wireBytes.get("aggregate1MB_gridlet");
        ratios.put("aggregate1MB_fcp_vs_gridlet_bytes",
                fetchBytes == null || gridletBytes == null ? null : fetchBytes / gridletBytes);
        ratios.put("fanout_vs_aggregate_time", ratio(byName, "fanout_gridlet", "fanout_aggregate"));
        ratios.put("rest_vs_client_p50", ratio(byName, "rest_trivial_http", "rest_trivial_client"));
        ratios.put("rest_invoke_vs_rest_get_p50", ratio(byName, "rest_invoke_http", "rest_get_entry_http"));
        if (extra.containsKey("rest16_invoke_opsPerSec")) {
            ratios.put("rest_invoke_vs_rest_get_throughput_16", (double) extra.get("rest16_invoke_opsPerSec")
                    / (double) extra.get("rest16_get_opsPerSec"));
            ratios.put("openloop_rest16_invoke_vs_get_p99", (double) extra.get("rest16_openloop_invoke_p99Micros")
                    / (double) extra.get("rest16_openloop_get_p99Micros"));
        }
        ratios.put("trigger_vs_bare_jet_throughput", ((Number) extra.get("trigger_gridlet_eventsPerSec")).doubleValue()
                / ((Number) extra.get("trigger_bareJet_eventsPerSec")).doubleValue());
        triggerRatios(ratios);
        for (String size : List.of("100B", "10KB", "1MB")) {
            ratios.put("fetchComputePut_vs_gridlet_p50_" + size,
                    ratio(byName, "rmw_" + size + "_fetchComputePut", "rmw_" + size + "_gridlet"));
        }
        Map<String, OpenLoop> open = new LinkedHashMap<>();
        openLoops.forEach(loop -> open.put(loop.name(), loop));
        // The durable offloaded processor is the one baseline that both crosses to the executor and
        // waits for its backup before answering, as Gridlet's call does: whose tail is whose.
        for (String baseline : List.of("submitToKeyOwner", "entryProcessor", "offloadableEntryProcessor",
                "durableOffloadedEntryProcessor", "fetchComputePut")) {
            OpenLoop gridletLoop = open.get("rmw_100B_gridlet");
            OpenLoop other = open.get("rmw_100B_" + baseline);
            if (gridletLoop != null && other != null) {
                ratios.put("openloop_gridlet_vs_" + baseline + "_p99", gridletLoop.p99Micros() / other.p99Micros());
            }
        }
        if (open.containsKey("trivial_gridlet") && open.containsKey("trivial_get")) {
            ratios.put("openloop_gridlet_trivial_vs_get_p99",
                    open.get("trivial_gridlet").p99Micros() / open.get("trivial_get").p99Micros());
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"), "members", memberCount));
        results.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        results.put("commit", commit());
        results.put("mode", quick ? "quick" : "full");
        results.put("scenarios", scenarios);
        results.put("openLoop", openLoops);
        results.put("triggerLag", triggerLags);
        results.put("ratios", ratios);
        results.put("projection", Projection.of(scenarios, byName.get("loopback_echo")));
        results.put("details", extra);
        return results;
    }

    /** The triggers' ratios, besides {@code trigger_vs_bare_jet_throughput}. */
    private void triggerRatios(Map<String, Object> ratios) {
        ratios.put("trigger_exactlyOnce_vs_atLeastOnce_throughput",
                ((Number) extra.get("trigger_gridletExactlyOnce_eventsPerSec")).doubleValue()
                        / ((Number) extra.get("trigger_gridlet_eventsPerSec")).doubleValue());
        for (int percent : new int[] {50, 80}) {
            Double once = lagP99(triggerLags, "trigger_lag_exactlyOnce_" + percent);
            Double least = lagP99(triggerLags, "trigger_lag_atLeastOnce_" + percent);
            if (once != null && least != null && least > 0) {
                ratios.put("trigger_exactlyOnce_vs_atLeastOnce_lag_p99_at" + percent, once / least);
            }
        }
    }

    /** The results of a run with {@code --only=triggers}: the trigger scenario's figures and ratios alone. */
    private Map<String, Object> triggerResults() {
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("trigger_vs_bare_jet_throughput", ((Number) extra.get("trigger_gridlet_eventsPerSec")).doubleValue()
                / ((Number) extra.get("trigger_bareJet_eventsPerSec")).doubleValue());
        triggerRatios(ratios);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"), "members", memberCount));
        results.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        results.put("commit", commit());
        results.put("mode", (quick ? "quick" : "full") + ", triggers only");
        results.put("triggerLag", triggerLags);
        results.put("ratios", ratios);
        results.put("details", extra);
        return results;
    }

    private static Double lagP99(List<Map<String, Object>> lags, String name) {
        return lags.stream().filter(row -> name.equals(row.get("name"))).findFirst()
                .map(row -> ((Number) row.get("p99Millis")).doubleValue()).orElse(null);
    }

    private static Double ratio(Map<String, Scenario> scenarios, String numerator, String denominator) {
        Scenario top = scenarios.get(numerator);
        Scenario bottom = scenarios.get(denominator);
        return top == null || bottom == null ? null : top.p50Micros() / bottom.p50Micros();
    }

    private void write(Map<String, Object> results) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path latest = out.resolve("latest");
        Files.createDirectories(latest);
        Files.writeString(latest.resolve("results.json"), json.writeValueAsString(results));
        if (only == Only.TRIGGERS) {
            Files.writeString(latest.resolve("report.md"), triggerReport(results));
            Path dated = out.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")));
            Files.createDirectories(dated);
            Files.copy(latest.resolve("results.json"), dated.resolve("results.json"));
            Files.copy(latest.resolve("report.md"), dated.resolve("report.md"));
            log.printf("wrote %s and %s%n", latest.resolve("results.json"), latest.resolve("report.md"));
            return;
        }
        Files.writeString(latest.resolve("report.md"), report(results));
        @SuppressWarnings("unchecked")
        List<Scenario> scenarios = (List<Scenario>) results.get("scenarios");
        Charts.write(scenarios, latest);
        Path dated = out.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")));
        Files.createDirectories(dated);
        Files.copy(latest.resolve("results.json"), dated.resolve("results.json"));
        Files.copy(latest.resolve("report.md"), dated.resolve("report.md"));
        Files.copy(latest.resolve("latency.png"), dated.resolve("latency.png"));
        Files.copy(latest.resolve("throughput.png"), dated.resolve("throughput.png"));
        log.printf("wrote %s and %s%n", latest.resolve("results.json"), latest.resolve("report.md"));
    }

    @SuppressWarnings("unchecked")
    private static void triggerLagTable(StringBuilder md, Map<String, Object> results) {
        List<Map<String, Object>> lags = (List<Map<String, Object>>) results.get("triggerLag");
        if (lags != null && !lags.isEmpty()) {
            md.append("\nTrigger lag, open loop (from when a write was due to when its result was written, timed on "
                            + "the member that wrote it):\n\n")
                    .append("| run | rate/s | events | p50 ms | p99 ms | p99.9 ms |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
            for (Map<String, Object> lag : lags) {
                md.append(String.format("| %s | %.0f | %s | %.2f | %.2f | %.2f |%n", lag.get("name"),
                        ((Number) lag.get("ratePerSec")).doubleValue(), lag.get("events"),
                        ((Number) lag.get("p50Millis")).doubleValue(), ((Number) lag.get("p99Millis")).doubleValue(),
                        ((Number) lag.get("p999Millis")).doubleValue()));
            }
        }
    }

    /** The report of a run with {@code --only=triggers}. */
    @SuppressWarnings("unchecked")
    private static String triggerReport(Map<String, Object> results) {
        StringBuilder md = new StringBuilder("# Gridlet benchmark (" + results.get("mode") + ")\n\n");
        md.append("Machine: ").append(results.get("machine")).append(", ").append(results.get("jvm"))
                .append(", commit ").append(results.get("commit")).append(".\n\n| ratio | value |\n| --- | ---: |\n");
        ((Map<String, Object>) results.get("ratios")).forEach((name, value) -> md.append(String.format("| %s | %.3f |%n",
                name, ((Number) value).doubleValue())));
        triggerLagTable(md, results);
        md.append("\nDetails: ").append(results.get("details")).append("\n");
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static String report(Map<String, Object> results) {
        StringBuilder md = new StringBuilder("# Gridlet benchmark (" + results.get("mode") + ")\n\n");
        md.append("Machine: ").append(results.get("machine")).append(", ").append(results.get("jvm"))
                .append(", commit ").append(results.get("commit")).append(".\n\n");
        md.append("Members are JVMs of their own on loopback; the driver is another JVM calling through a client.\n\n");
        md.append("Closed loop, one caller thread. Wire bytes: what one call moved between the caller and the grid, "
                + "in and out, from the client's Hazelcast network counters.\n\n");
        md.append("| scenario | payload | ops/s | p50 µs | p99 µs | p99.9 µs | wire bytes/op | round trips |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Scenario scenario : (List<Scenario>) results.get("scenarios")) {
            md.append(String.format("| %s | %d | %.0f | %.0f | %.0f | %.0f | %s | %s |%n", scenario.name(),
                    scenario.payloadBytes(), scenario.opsPerSec(), scenario.p50Micros(), scenario.p99Micros(),
                    scenario.p999Micros(), scenario.wireBytesPerOp() == null ? "" : String.format("%.0f", scenario.wireBytesPerOp()),
                    scenario.roundTrips() == null ? "" : scenario.roundTrips()));
        }
        md.append("\nOpen loop: one caller at a fixed rate (half what the slowest of a group sustains closed loop), "
                + "latency from each call's intended start, so a stall counts against every call it delayed "
                + "(corrected for coordinated omission).\n\n");
        md.append("| scenario | rate/s | p50 µs | p99 µs | p99.9 µs | calls | started late |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (OpenLoop loop : (List<OpenLoop>) results.get("openLoop")) {
            md.append(String.format("| %s | %.0f | %.0f | %.0f | %.0f | %d | %d |%n", loop.name(), loop.ratePerSec(),
                    loop.p50Micros(), loop.p99Micros(), loop.p999Micros(), loop.operations(), loop.late()));
        }
        md.append("\n**Projection, not measurement**: p50 with the caller across a real network, from the measured p50, "
                + "wire bytes and round trips (loopback round trip replaced by 100 µs at 125 MB/s for 1 GbE, 30 µs at "
                + "1.25 GB/s for 10 GbE; member-to-member traffic such as backups is not included).\n\n");
        md.append("| scenario | measured p50 µs (loopback) | wire bytes/op | round trips | projected p50 µs, 1 GbE | projected p50 µs, 10 GbE |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Projection.Row row : (List<Projection.Row>) results.get("projection")) {
            md.append(String.format("| %s | %.0f | %.0f | %d | %.0f | %.0f |%n", row.scenario(), row.measuredP50Micros(),
                    row.wireBytesPerOp(), row.roundTrips(), row.projected1GbEMicros(), row.projected10GbEMicros()));
        }
        md.append("\n| ratio | value |\n| --- | ---: |\n");
        ((Map<String, Object>) results.get("ratios")).forEach((name, value) -> md.append(String.format("| %s | %s |%n",
                name, value == null ? "n/a" : String.format("%.3f", ((Number) value).doubleValue()))));
        triggerLagTable(md, results);
        md.append("\nDetails: ").append(results.get("details")).append("\n\n");
        md.append("![latency](latency.png)\n\n![throughput](throughput.png)\n");
        return md.toString();
    }

    /** The commit the run was built from, or {@code unknown} outside a git work tree. */
    public static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String sha = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? sha : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private void startMembers(String cluster, List<Integer> ports, List<String> seeds) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (jfr != null) {
            Files.createDirectories(jfr);
        }
        List<CompletableFuture<Boolean>> ready = new ArrayList<>();
        for (int port : ports) {
            List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-XX:+UseParallelGC",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED"));
            if (jfr != null) {
                command.add(WallClock.memberOption(jfr, "member-" + port));
            }
            String options = System.getProperty("gridlet.bench.member-options");
            if (options != null && !options.isBlank()) {
                // For a profiler of the user's choosing: -Dgridlet.bench.member-options="-agentpath:...=start,file=m-%d"
                command.addAll(List.of(options.replace("%d", Integer.toString(port)).trim().split("\\s+")));
            }
            if (tracing != null) {
                command.add("-D" + BenchTracing.ENDPOINT_PROPERTY + "=" + tracing.endpoint());
                command.add("-D" + BenchTracing.RATIO_PROPERTY + "=" + tracing.ratio());
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchMember.class.getName(), cluster,
                    Integer.toString(port), String.join(",", seeds)));
            Process member = new ProcessBuilder(command).redirectErrorStream(true).start();
            members.add(member);
            // Read from the start, every member at once: a member whose output nobody reads blocks
            // once the pipe is full, and the others wait for it to form the cluster.
            ready.add(drain(member));
        }
        for (CompletableFuture<Boolean> up : ready) {
            if (!up.join()) {
                throw new IllegalStateException("a member exited before it was ready");
            }
        }
        log.printf("%d members up%n", members.size());
    }

    /** Empties a member's output; completes true once it printed READY, false if it ended first. */
    private static CompletableFuture<Boolean> drain(Process member) {
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("READY")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException ignored) {
                // the member stopped
            }
            ready.complete(false);
        }, "member-output");
        drain.setDaemon(true);
        drain.start();
        return ready;
    }

    private static HazelcastInstance rawClient(String cluster, List<String> seeds) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().addAddress(seeds.toArray(new String[0]));
        RawTasks.configure(config);
        return HazelcastClient.newHazelcastClient(config);
    }
}
