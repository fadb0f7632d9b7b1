package io.gridlet.benchmarks.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gridlet.benchmarks.harness.Harness;
import io.gridlet.benchmarks.harness.Plateau;
import io.gridlet.testkit.LoopbackPorts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Gridlet side by side with its peers, one grid at a time on the machine: each started as three
 * member processes on loopback, driven from this process through its own client API, running the
 * same scenarios with the same payloads, backups and warm-up, then stopped. Rounds run the grids
 * in turn, the order reversed each round, and a scenario's figure is the median of its rounds.
 *
 * <p>The peers' adapters are built only with the {@code peers} Maven profile, so that the default
 * build downloads none of them; a grid whose adapter is not on the class path is reported as not
 * built, never left out. Arguments: {@code --quick}, {@code --rounds=N}, {@code --seconds=S},
 * {@code --peers=gridlet,gridletPartitionThread,hazelcast,coherence,ignite3}, {@code --out=DIR}.
 */
public final class PeersHarness {

    /** Each grid's adapter, by its name in the results. */
    static final Map<String, String> ADAPTERS = new LinkedHashMap<>();

    static {
        ADAPTERS.put("gridlet", GridletPeer.class.getName());
        ADAPTERS.put("gridletPartitionThread", GridletPeer.OnPartitionThread.class.getName());
        ADAPTERS.put("hazelcast", HazelcastPeer.class.getName());
        ADAPTERS.put("coherence", "io.gridlet.benchmarks.peers.coherence.CoherencePeer");
        ADAPTERS.put("ignite3", "io.gridlet.benchmarks.peers.ignite.Ignite3Peer");
    }

    static final int HOT_THREADS = 8;
    static final int HOT_KEYS = 4;

    private final List<String> peers;
    private final int rounds;
    private final double seconds;
    private final int aggregateEntries;
    private final Path out;
    private final PrintStream log;
    /** Per grid, per scenario, the rounds' figures. */
    private final Map<String, Map<String, List<Figure>>> figures = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> settings = new LinkedHashMap<>();
    private final Map<String, String> notRun = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> unsupported = new LinkedHashMap<>();
    /** Per grid, the seconds each round's hot keys took to warm up. */
    private final Map<String, List<Double>> hotKeyWarmUps = new LinkedHashMap<>();
    /** Per grid, the seconds each round's compilers took to settle. */
    private final Map<String, List<Double>> settleSeconds = new LinkedHashMap<>();

    /** One scenario's figures in one round. */
    public record Figure(double p50Micros, double p99Micros, double opsPerSec, long count, long lost) {
    }

    PeersHarness(List<String> peers, int rounds, double seconds, int aggregateEntries, Path out, PrintStream log) {
        this.peers = List.copyOf(peers);
        this.rounds = rounds;
        this.seconds = seconds;
        this.aggregateEntries = aggregateEntries;
        this.out = out;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Integer rounds = null;
        Double seconds = null;
        List<String> peers = new ArrayList<>(ADAPTERS.keySet());
        Path out = Path.of("benchmarks/results/peers");
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(arg.substring("--rounds=".length()));
            } else if (arg.startsWith("--seconds=")) {
                seconds = Double.parseDouble(arg.substring("--seconds=".length()));
            } else if (arg.startsWith("--peers=")) {
                peers = List.of(arg.substring("--peers=".length()).split(","));
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else {
                System.err.println("usage: PeersHarness [--quick] [--rounds=N] [--seconds=S]"
                        + " [--peers=gridlet,gridletPartitionThread,hazelcast,coherence,ignite3] [--out=DIR]");
                System.exit(2);
            }
        }
        for (String peer : peers) {
            if (!ADAPTERS.containsKey(peer)) {
                System.err.println("unknown grid " + peer + "; known: " + ADAPTERS.keySet());
                System.exit(2);
            }
        }
        PeersHarness harness = new PeersHarness(peers, rounds != null ? rounds : quick ? 2 : 4,
                seconds != null ? seconds : quick ? 2 : 6, quick ? 50_000 : 200_000, out,
                System.out);
        harness.run();
        System.exit(0);
    }

    /**
     * Runs every round and writes {@code results.json}, {@code report.md} and a chart to
     * {@code OUT/latest} and a dated copy; returns the results.
     */
    public Map<String, Object> run() throws Exception {
        Path dated = out.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")));
        Path work = Files.createTempDirectory("gridlet-peers-");
        log.printf("the members' logs and files go to %s%n", work);
        for (int round = 0; round < rounds; round++) {
            List<String> order = new ArrayList<>(peers);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (String name : order) {
                if (notRun.containsKey(name)) {
                    continue;
                }
                Peer peer = create(name);
                if (peer == null) {
                    continue;
                }
                log.printf("round %d of %d: %s%n", round + 1, rounds, name);
                try (peer) {
                    peer.start(LoopbackPorts.free(3), work.resolve("round-" + (round + 1)).resolve(name));
                    settings.putIfAbsent(name, peer.settings());
                    measure(peer, round);
                }
            }
        }
        Map<String, Object> results = results();
        Path latest = out.resolve("latest");
        Files.createDirectories(latest);
        write(latest, results);
        Files.createDirectories(dated);
        for (String file : List.of("results.json", "report.md", "peers.png")) {
            Files.copy(latest.resolve(file), dated.resolve(file));
        }
        log.printf("wrote %s and %s%n", latest.resolve("results.json"), latest.resolve("report.md"));
        // Kept when a round fails, for its members' logs; gone after a run that did not, unless
        // the members ran with options of the user's (a profiler's files, a compilation log).
        if (System.getProperty(MemberProcesses.MEMBER_OPTIONS) != null) {
            log.printf("kept the members' logs and files in %s%n", work);
            return results;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        return results;
    }

    private Peer create(String name) {
        try {
            return (Peer) Class.forName(ADAPTERS.get(name)).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            notRun.put(name, "not built: its adapter is built with the peers profile (./gridlet bench --peers)");
            log.printf("%s: %s%n", name, notRun.get(name));
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the adapter of " + name + " cannot be made", e);
        }
    }

    private void measure(Peer peer, int round) throws Exception {
        String suffix = "-r" + round;
        // Made before the compilers settle, on the maps they are measured on; a grid that has no
        // such call is reported so, as for any scenario (see scenario()).
        Map<String, Measurement> calls = new LinkedHashMap<>();
        Map<String, Callable<Long>> settling = new LinkedHashMap<>();
        for (int size : new int[] {100, 10_240}) {
            String label = size == 100 ? "100B" : "10KB";
            prepare("rmw_" + label, () -> peer.readModifyWrite("rmw-" + label + suffix, size), calls, settling);
        }
        prepare("trivial", peer::trivial, calls, settling);
        if (seconds >= 1) {
            // Not on the hot keys' map: the scenario counts every increment made there.
            try {
                settling.put("increment", peer.increment("settle" + suffix, "settle"));
            } catch (UnsupportedOperationException ignored) {
                // Settled without it; the hot keys' scenario reports the grid cannot run them.
            }
            settleCompilers(peer, settling);
        }
        for (Map.Entry<String, Measurement> call : calls.entrySet()) {
            scenario(peer, call.getKey(), call.getValue());
        }
        scenario(peer, "hotkeys", () -> hotKeys(peer, "hot" + suffix));
        scenario(peer, "aggregate", () -> {
            String map = "numbers" + suffix;
            peer.load(map, aggregateEntries);
            Callable<Long> sum = peer.sum(map);
            long expected = (long) aggregateEntries * (aggregateEntries - 1) / 2;
            long summed = sum.call();
            if (summed != expected) {
                throw new IllegalStateException(peer.name() + " summed " + summed + " instead of " + expected);
            }
            return closedLoop(sum);
        });
    }

    @FunctionalInterface
    private interface Measurement {
        Figure run() throws Exception;
    }

    /**
     * Makes a selected scenario's call: measured in a closed loop, and run while the compilers
     * settle. A call the grid cannot make is measured as what it is, a scenario not run.
     */
    private void prepare(String scenario, Callable<Callable<Long>> make, Map<String, Measurement> calls,
                         Map<String, Callable<Long>> settling) throws Exception {
        if (!selected(scenario)) {
            return;
        }
        try {
            Callable<Long> call = make.call();
            calls.put(scenario, () -> closedLoop(call));
            settling.put(scenario, call);
        } catch (UnsupportedOperationException e) {
            calls.put(scenario, () -> {
                throw e;
            });
        }
    }

    /**
     * A system property of the driver's: the scenarios to run, for a profile of one of them
     * ({@code -Dgridlet.peers.scenarios=hotkeys}); every scenario when absent. A run with some left
     * out has no figures, and so no ratios, for them.
     */
    static final String SCENARIOS = "gridlet.peers.scenarios";

    private static boolean selected(String scenario) {
        String only = System.getProperty(SCENARIOS);
        return only == null || List.of(only.split(",")).contains(scenario);
    }

    private void scenario(Peer peer, String scenario, Measurement measurement) throws Exception {
        if (!selected(scenario)) {
            return;
        }
        // The time a scenario starts, to tell which of a profiler's files belong to it.
        log.printf("  %-10s %-8s from %s%n", peer.name(), scenario, java.time.LocalTime.now());
        try {
            Figure figure = measurement.run();
            figures.computeIfAbsent(peer.name(), name -> new LinkedHashMap<>())
                    .computeIfAbsent(scenario, name -> new ArrayList<>()).add(figure);
            log.printf("  %-10s %-8s p50 %9.1f us  p99 %9.1f us  %10.0f ops/s%s%n", peer.name(), scenario,
                    figure.p50Micros(), figure.p99Micros(), figure.opsPerSec(),
                    figure.lost() >= 0 ? "  lost " + figure.lost() : "");
        } catch (UnsupportedOperationException e) {
            unsupported.computeIfAbsent(peer.name(), name -> new LinkedHashMap<>()).put(scenario, e.getMessage());
            log.printf("  %-10s %-8s not run: %s%n", peer.name(), scenario, e.getMessage());
        }
    }

    /**
     * Before a fresh grid's first scenario: its calls by key in turn, {@link Harness#SETTLE_SLICE} s
     * each, pass after pass, until the JIT compilers of its members and of this driver have settled
     * ({@link Harness#settled}: the last pass compiled no more than a tenth of the first), at most
     * {@value #SETTLE_PASSES} passes; the closed-loop harness's rule, with the members' compile time
     * read the same way for every grid ({@link CompileClock}). The results have each grid's
     * seconds per round ({@code settleSeconds}).
     *
     * <p>Why: every grid starts fresh each round, and its first scenario measured how far its
     * members had compiled. In the full run at b1cfe5f, Gridlet's 100 B read-modify-write, first
     * after the start with a 3 s warm-up, measured 508.7, 384.8 and 370.4 µs in three rounds while
     * the 10 KB one right after it measured 209.5 to 275.5 µs, and Coherence's first round measured
     * 489.2 µs and then 198.7: on two cores shared by three members and the driver the compiler's
     * queue is the limit, and a longer path reaches C2 later.
     */
    private void settleCompilers(Peer peer, Map<String, Callable<Long>> calls) throws Exception {
        long start = System.nanoTime();
        List<Long> spent = new ArrayList<>();
        try (CompileClock clock = CompileClock.ofMembers()) {
            long before = clock.millis();
            for (int pass = 0; pass < SETTLE_PASSES && before >= 0; pass++) {
                for (Callable<Long> call : calls.values()) {
                    long until = System.nanoTime() + (long) (Harness.SETTLE_SLICE * 1e9);
                    while (System.nanoTime() < until) {
                        call.call();
                    }
                }
                long now = clock.millis();
                if (now < 0) {
                    break;
                }
                spent.add(now - before);
                before = now;
                if (Harness.settled(spent)) {
                    break;
                }
            }
            log.printf("  %-10s settled the compilers of %d members and the driver in %d passes: %s ms compiling%n",
                    peer.name(), clock.members(), spent.size(), spent);
        } catch (java.io.IOException e) {
            // Measured unsettled rather than not at all; the log says so.
            log.printf("  %-10s the members' compile time cannot be read (%s); not settled%n", peer.name(), e);
        }
        settleSeconds.computeIfAbsent(peer.name(), name -> new ArrayList<>())
                .add(Math.round((System.nanoTime() - start) / 1e8) / 10.0);
    }

    /** At most this many passes of {@link #settleCompilers}, a second each: a minute. */
    static final int SETTLE_PASSES = 60;

    /** One caller thread: a warm-up of half the time, then the calls for {@link #seconds}, each timed. */
    private Figure closedLoop(Callable<Long> call) throws Exception {
        long warmUntil = System.nanoTime() + (long) (seconds / 2 * 1e9);
        while (System.nanoTime() < warmUntil) {
            call.call();
        }
        Histogram latency = new Histogram(3);
        long start = System.nanoTime();
        long until = start + (long) (seconds * 1e9);
        long calls = 0;
        long now = start;
        while (now < until || calls < 5) {
            long before = System.nanoTime();
            call.call();
            now = System.nanoTime();
            latency.recordValue(Math.max(1, now - before));
            calls++;
        }
        return new Figure(latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
                calls / ((now - start) / 1e9), calls, -1);
    }

    /** {@value #HOT_THREADS} threads increment {@value #HOT_KEYS} counters; an increment acknowledged but not counted is lost. */
    private Figure hotKeys(Peer peer, String map) throws Exception {
        List<String> keys = new ArrayList<>();
        List<Callable<Long>> increments = new ArrayList<>();
        for (int k = 0; k < HOT_KEYS; k++) {
            keys.add("hot-" + k);
            increments.add(peer.increment(map, "hot-" + k));
        }
        ExecutorService threads = Executors.newFixedThreadPool(HOT_THREADS);
        try {
            // Warmed on the map it is measured on: a first run on a fresh map measured a second
            // warm-up (Gridlet 3,297 rising to 8,227 ops/s over six 1 s slices, Hazelcast 8,753
            // then 14,000-21,000, right after the same calls on another map made 10,518 and 14,193).
            long warmAcked = warmHotKeys(peer, threads, increments);
            Histogram latency = new Histogram(3);
            long start = System.nanoTime();
            long acked = run(threads, increments, seconds, latency);
            long elapsed = System.nanoTime() - start;
            // Lost counts every acknowledged increment, the warm-up's too.
            long counted = peer.counted(map, keys);
            return new Figure(latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
                    acked / (elapsed / 1e9), acked, warmAcked + acked - counted);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Warms the contended path until its throughput stops rising: {@link #hotKeysWarmUp()}, then
     * 1 s slices until two in a row make no more than 5% above the best slice before them, at
     * most {@value #WARM_UP_SLICES}. Every grid starts fresh each round, and its members take 15
     * to 20 s on two cores to compile the contended path (Coherence's 1 s slices rose from 2,182
     * to 11,687 ops/s over 15 s, Gridlet's stood at 2,360 for three slices and then measured
     * 3,337): a shorter warm-up measured that, for some grids and not others, instead of the path.
     * The same rule for every grid; each slice's throughput is logged, and the time each warm-up
     * took is in the results.
     */
    private long warmHotKeys(Peer peer, ExecutorService threads, List<Callable<Long>> warming) throws Exception {
        long start = System.nanoTime();
        long acked = run(threads, warming, hotKeysWarmUp(), null);
        Plateau plateau = Plateau.ofThroughput();
        StringBuilder slices = new StringBuilder();
        for (int slice = 0; slice < WARM_UP_SLICES && seconds >= 1; slice++) {
            long before = System.nanoTime();
            long made = run(threads, warming, 1.0, null);
            acked += made;
            double opsPerSec = made / ((System.nanoTime() - before) / 1e9);
            slices.append(slices.length() == 0 ? "" : ", ").append(Math.round(opsPerSec));
            if (plateau.reached(opsPerSec)) {
                break;
            }
        }
        double took = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
        log.printf("  %-10s hotkeys warm-up %.1f s, 1 s slices (ops/s): %s%n", peer.name(), took, slices);
        hotKeyWarmUps.computeIfAbsent(peer.name(), name -> new ArrayList<>()).add(took);
        return acked;
    }

    /**
     * Seconds the hot keys warm up for at least (30 unless set), before the 1 s slices, when longer
     * than twice a scenario's time; the same for every grid. Why 30: on two cores the members'
     * compiler queue is the limit, and Gridlet's hot member methods reached C2 34 to 37 s after the
     * members started in a round of hot keys alone; after 12 s the slices stopped on plateaus as
     * low as 1,600 ops/s for Gridlet and 5,500 for Coherence (whose measured seconds then made
     * 13,248), and after 40 s every grid's slices stood at 10,000 to 25,000.
     */
    static final String HOT_KEYS_WARM_UP = "gridlet.peers.hotkeys-warm-up";

    /** The hot keys' warm-up before the 1 s slices, in seconds; a smoke test's short scenarios keep theirs short. */
    private double hotKeysWarmUp() {
        double least = seconds < 1 ? 0 : Double.parseDouble(System.getProperty(HOT_KEYS_WARM_UP, "30"));
        return Math.max(seconds * 2, least);
    }

    /** At most this many 1 s slices of hot-key warm-up after {@link #hotKeysWarmUp()}. */
    static final int WARM_UP_SLICES = 15;

    private static long run(ExecutorService threads, List<Callable<Long>> increments, double seconds, Histogram latency)
            throws Exception {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<Long>> done = new ArrayList<>();
        // A histogram per thread, added up after: the threads share no lock while they run.
        List<Histogram> mine = new ArrayList<>();
        for (int t = 0; t < HOT_THREADS; t++) {
            int thread = t;
            Histogram own = new Histogram(3);
            mine.add(own);
            done.add(threads.submit(() -> {
                long acked = 0;
                for (int i = 0; System.nanoTime() < until; i++) {
                    long before = System.nanoTime();
                    increments.get((thread + i) % increments.size()).call();
                    own.recordValue(Math.max(1, System.nanoTime() - before));
                    acked++;
                }
                return acked;
            }));
        }
        long acked = 0;
        for (Future<Long> future : done) {
            acked += future.get(10, TimeUnit.MINUTES);
        }
        if (latency != null) {
            mine.forEach(latency::add);
        }
        return acked;
    }

    /** The median of a scenario's rounds, per figure. */
    static Figure median(List<Figure> rounds) {
        return new Figure(median(rounds, Figure::p50Micros), median(rounds, Figure::p99Micros),
                median(rounds, Figure::opsPerSec), rounds.stream().mapToLong(Figure::count).sum(),
                rounds.stream().mapToLong(Figure::lost).max().orElse(-1));
    }

    private static double median(List<Figure> rounds, java.util.function.ToDoubleFunction<Figure> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /**
     * Ratios of Gridlet to each peer, for each kind of Gridlet function run: a latency ratio below 1
     * and a throughput ratio above 1 are Gridlet's. A peer's own way to run code by key is its
     * {@code colocated} job (Ignite 3) or its entry processor, {@code ep} (Coherence, and Hazelcast
     * alone, whose ratios to the peers come out too).
     */
    Map<String, Double> ratios() {
        Map<String, Double> ratios = new TreeMap<>();
        // Hazelcast alone is compared with the peers too: which part of a gap is the engine's.
        for (String ours : List.of("gridlet", "gridletPartitionThread", "hazelcast")) {
            Map<String, List<Figure>> gridlet = figures.get(ours);
            if (gridlet == null) {
                continue;
            }
            for (Map.Entry<String, Map<String, List<Figure>>> peer : figures.entrySet()) {
                if (peer.getKey().startsWith("gridlet") || peer.getKey().equals(ours)) {
                    continue;
                }
                String way = peer.getKey().equals("ignite3") ? "colocated" : "ep";
                String prefix = ours + "_vs_" + peer.getKey() + "_";
                for (Map.Entry<String, List<Figure>> scenario : peer.getValue().entrySet()) {
                    List<Figure> mine = gridlet.get(scenario.getKey());
                    if (mine == null) {
                        continue;
                    }
                    Figure us = median(mine);
                    Figure theirs = median(scenario.getValue());
                    switch (scenario.getKey()) {
                        case "rmw_100B" -> {
                            ratios.put(prefix + way + "_p50", us.p50Micros() / theirs.p50Micros());
                            ratios.put(prefix + way + "_p99", us.p99Micros() / theirs.p99Micros());
                        }
                        case "hotkeys" -> ratios.put(prefix + "hotkey_throughput", us.opsPerSec() / theirs.opsPerSec());
                        default -> ratios.put(prefix + scenario.getKey() + "_p50", us.p50Micros() / theirs.p50Micros());
                    }
                }
            }
        }
        return ratios;
    }

    private Map<String, Object> results() {
        Map<String, Object> systems = new LinkedHashMap<>();
        for (String name : peers) {
            Map<String, Object> system = new LinkedHashMap<>();
            if (notRun.containsKey(name)) {
                system.put("notRun", notRun.get(name));
                systems.put(name, system);
                continue;
            }
            system.put("settings", settings.get(name));
            Map<String, Object> scenarios = new LinkedHashMap<>();
            figures.getOrDefault(name, Map.of()).forEach((scenario, rounds) -> scenarios.put(scenario,
                    Map.of("median", median(rounds), "rounds", rounds)));
            unsupported.getOrDefault(name, Map.of()).forEach((scenario, reason) -> scenarios.put(scenario,
                    Map.of("unsupported", reason)));
            system.put("scenarios", scenarios);
            system.put("hotKeyWarmUpSeconds", hotKeyWarmUps.getOrDefault(name, List.of()));
            system.put("settleSeconds", settleSeconds.getOrDefault(name, List.of()));
            systems.put(name, system);
        }
        Map<String, Object> peersSection = new LinkedHashMap<>();
        peersSection.put("commit", io.gridlet.benchmarks.harness.Harness.commit());
        peersSection.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        peersSection.put("method", Map.of("rounds", rounds, "secondsPerScenario", seconds,
                "warmUpSeconds", seconds / 2, "aggregateEntries", aggregateEntries,
                "hotKeys", HOT_THREADS + " threads incrementing " + HOT_KEYS + " keys, for as long as each scenario,"
                        + " after a warm-up on the same map and keys of " + hotKeysWarmUp() + " s, then 1 s slices until two in a row rise no more than 5% over the"
                        + " best before them (at most " + WARM_UP_SLICES + ")",
                "settle", "before each grid's first scenario of a round, its calls by key in turn, " + Harness.SETTLE_SLICE
                        + " s each, until a pass compiles no more than a tenth of the first, in its members and the driver"
                        + " (at most " + SETTLE_PASSES + " passes)",
                "order", "one grid at a time; the order reversed each round; each figure the median of its rounds"));
        peersSection.put("systems", systems);
        peersSection.put("ratios", ratios());
        return Map.of("peers", peersSection);
    }

    private void write(Path directory, Map<String, Object> results) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(directory.resolve("results.json").toFile(), results);
        StringBuilder report = new StringBuilder("# Gridlet and its peers, side by side\n\n");
        report.append(String.format("%d rounds, %.1f s per scenario after a %.1f s warm-up, one grid at a time;"
                        + " medians of the rounds. Hot keys warm up for %.1f s, then in 1 s slices until two in a"
                        + " row rise no more than 5%% over the best before them (at most %d): seconds per round, %s."
                        + " Before each round's first scenario, the grid's JIT compilers settle: seconds per round, %s.%n%n",
                rounds, seconds, seconds / 2, hotKeysWarmUp(), WARM_UP_SLICES, hotKeyWarmUps, settleSeconds));
        report.append("| scenario | grid | p50 us | p99 us | ops/s | lost |\n| --- | --- | ---: | ---: | ---: | ---: |\n");
        for (String scenario : List.of("rmw_100B", "rmw_10KB", "trivial", "hotkeys", "aggregate")) {
            for (String name : peers) {
                if (notRun.containsKey(name)) {
                    continue;
                }
                String reason = unsupported.getOrDefault(name, Map.of()).get(scenario);
                List<Figure> rounds = figures.getOrDefault(name, Map.of()).get(scenario);
                if (reason != null) {
                    report.append(String.format("| %s | %s | not run: %s | | | |%n", scenario, name, reason));
                } else if (rounds != null) {
                    Figure figure = median(rounds);
                    report.append(String.format("| %s | %s | %.1f | %.1f | %.0f | %s |%n", scenario, name,
                            figure.p50Micros(), figure.p99Micros(), figure.opsPerSec(),
                            figure.lost() >= 0 ? Long.toString(figure.lost()) : ""));
                }
            }
        }
        report.append("\n| ratio | value |\n| --- | ---: |\n");
        ratios().forEach((name, value) -> report.append(String.format("| %s | %.3f |%n", name, value)));
        for (Map.Entry<String, String> missing : notRun.entrySet()) {
            report.append(String.format("%n%s: %s%n", missing.getKey(), missing.getValue()));
        }
        for (Map.Entry<String, Map<String, String>> system : settings.entrySet()) {
            report.append(String.format("%n## %s settings%n%n", system.getKey()));
            system.getValue().forEach((key, value) -> report.append("- ").append(key).append(": ").append(value)
                    .append('\n'));
        }
        Files.writeString(directory.resolve("report.md"), report);
        chart(directory);
    }

    /** p50 per scenario and grid, log scale. */
    private void chart(Path directory) throws IOException {
        System.setProperty("java.awt.headless", "true");
        org.jfree.data.category.DefaultCategoryDataset p50 = new org.jfree.data.category.DefaultCategoryDataset();
        figures.forEach((name, scenarios) -> scenarios.forEach((scenario, rounds) ->
                p50.addValue(median(rounds).p50Micros(), name, scenario)));
        org.jfree.chart.JFreeChart chart = org.jfree.chart.ChartFactory.createBarChart(
                "p50 latency per scenario (log scale, lower is better)", "scenario", "microseconds", p50,
                org.jfree.chart.plot.PlotOrientation.VERTICAL, true, false, false);
        org.jfree.chart.plot.CategoryPlot plot = chart.getCategoryPlot();
        ((org.jfree.chart.renderer.category.BarRenderer) plot.getRenderer()).setBase(1);
        org.jfree.chart.axis.LogarithmicAxis axis = new org.jfree.chart.axis.LogarithmicAxis("microseconds");
        axis.setStrictValuesFlag(false);
        plot.setRangeAxis(axis);
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        org.jfree.chart.ChartUtils.saveChartAsPNG(directory.resolve("peers.png").toFile(), chart, 1000, 600);
    }
}
