package io.gridlet.benchmarks.harness;

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
import java.net.InetAddress;
import java.net.ServerSocket;
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
                           double p999Micros, long operations) {
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

    public Harness(boolean quick, int memberCount, Path out, PrintStream log) {
        this.quick = quick;
        this.memberCount = memberCount;
        this.out = out;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        int members = 3;
        Path out = Path.of("benchmarks/results");
        double smoke = 0;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--members=")) {
                members = Integer.parseInt(arg.substring("--members=".length()));
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else if (arg.startsWith("--smoke=")) {
                smoke = Double.parseDouble(arg.substring("--smoke=".length()));
            } else {
                System.err.println("usage: Harness [--quick] [--members=N] [--out=DIR]");
                System.exit(2);
            }
        }
        Harness harness = new Harness(quick, members, out, System.out);
        harness.run(smoke > 0 ? smoke : quick ? 0.6 : 3.0, quick || smoke > 0 ? 2 : 3);
        System.exit(0);
    }

    /** Runs every scenario for {@code seconds} per round, {@code rounds} times, and writes the results. */
    public Map<String, Object> run(double seconds, int rounds) throws Exception {
        String cluster = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<Integer> ports = freePorts(memberCount);
        List<String> seeds = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        try {
            startMembers(cluster, ports, seeds);
            try (GridletClient gridlet = GridletClient.builder().clusterName(cluster).addresses(seeds).connect()) {
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
        }
        Map<String, Object> results = results();
        write(results);
        return results;
    }

    private void measure(GridletClient gridlet, HazelcastInstance raw, double seconds, int rounds) throws Exception {
        try (LoopbackEcho echo = new LoopbackEcho(100)) {
            measure(gridlet, raw, echo, seconds, rounds);
        }
    }

    private void measure(GridletClient gridlet, HazelcastInstance raw, LoopbackEcho echo, double seconds, int rounds)
            throws Exception {
        IExecutorService executor = raw.getExecutorService("bench");
        Map<String, Callable<Object>> scenarios = new LinkedHashMap<>();
        for (int size : new int[] {100, 10_240, 1_048_576}) {
            String label = size == 100 ? "100B" : size == 10_240 ? "10KB" : "1MB";
            String map = "rmw-" + label;
            IMap<String, byte[]> rawMap = raw.getMap(map);
            rawMap.set("k", Payloads.of(size));
            Invocation rmw = Invocation.of("bench.rmw").onKey(map, "k").build();
            add(scenarios, "rmw_" + label + "_gridlet", size, () -> gridlet.invoker().invoke(rmw, Long.class));
            add(scenarios, "rmw_" + label + "_entryProcessor", size,
                    () -> rawMap.executeOnKey("k", new RawTasks.ReadModifyWrite()));
            add(scenarios, "rmw_" + label + "_submitToKeyOwner", size,
                    () -> executor.submitToKeyOwner(new RawTasks.OwnerReadModifyWrite(map, "k"), "k").get());
            add(scenarios, "rmw_" + label + "_fetchComputePut", size, () -> {
                byte[] value = rawMap.get("k");
                Payloads.increment(value);
                rawMap.set("k", value);
                return null;
            });
        }
        IMap<String, byte[]> small = raw.getMap("get-floor");
        small.set("k", Payloads.of(100));
        Invocation trivial = Invocation.of("bench.trivial").key("k").build();
        add(scenarios, "trivial_gridlet", 0, () -> gridlet.invoker().invoke(trivial, Long.class));
        add(scenarios, "trivial_get", 100, () -> small.get("k"));
        IMap<String, byte[]> big = raw.getMap("aggregate-1MB");
        big.set("k", Payloads.of(1_048_576));
        Invocation aggregate = Invocation.of("bench.aggregate").onKey("aggregate-1MB", "k").build();
        add(scenarios, "aggregate1MB_gridlet", 1_048_576, () -> gridlet.invoker().invoke(aggregate, Long.class));
        add(scenarios, "aggregate1MB_entryProcessor", 1_048_576,
                () -> big.executeOnKey("k", new RawTasks.Checksum()));
        add(scenarios, "aggregate1MB_fetch", 1_048_576, () -> Payloads.checksum(big.get("k")));
        int entries = loadNumbers(raw.getMap("fanout-numbers"), seconds);
        IMap<String, Long> numbers = raw.getMap("fanout-numbers");
        FanOut sum = FanOut.of("bench.sum", "fanout-numbers").withInput("fanout-numbers").withTimeout(Duration.ofMinutes(1));
        long viaGridlet = gridlet.invoker().fanOut(sum, Long.class).reduce(0L, Long::sum);
        extra.put("fanout_entries", entries);
        extra.put("fanout_sums_agree", viaGridlet == numbers.aggregate(Aggregators.longSum()));
        add(scenarios, "fanout_gridlet", entries, () -> gridlet.invoker().fanOut(sum, Long.class).reduce(0L, Long::sum));
        add(scenarios, "fanout_aggregate", entries, () -> numbers.aggregate(Aggregators.longSum()));
        add(scenarios, "loopback_echo", 100, echo::roundTrip);

        int total = scenarios.size() * rounds;
        int step = 0;
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Callable<Object>> scenario : scenarios.entrySet()) {
                step++;
                log.printf("[%d/%d] round %d %s%n", step, total, round + 1, scenario.getKey());
                closedLoop(scenario.getKey(), scenario.getValue(), round == 0 ? seconds / 2 : 0, seconds);
            }
        }
        hotKeys(gridlet, raw);
        extra.put("aggregate1MB_bytes_fetch", 1_048_576 + 16);
        // Application bytes per operation: the value fetched, against the call's envelope and answer
        // (estimated from their fields; a measurement from network counters is still to come).
        extra.put("aggregate1MB_bytes_gridlet_estimated", gridletCallBytes());
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

    /** Warms up, then calls back to back for {@code seconds}, recording each latency. */
    private void closedLoop(String name, Callable<Object> call, double warmupSeconds, double seconds) throws Exception {
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmEnd) {
            call.call();
        }
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

    /** 8 threads incrementing 4 keys: Gridlet, a replace retry loop, and a naive get-then-put. */
    private void hotKeys(GridletClient gridlet, HazelcastInstance raw) throws Exception {
        int perThread = quick ? 250 : 1_000;
        log.printf("hot keys: 8 threads x %d increments over 4 keys%n", perThread);
        AtomicLong casRetries = new AtomicLong();
        long gridletTime = hotKeyRun("hot-gridlet", raw, perThread, (map, key) ->
                gridlet.invoker().invoke(Invocation.of("bench.increment").onKey(map, key).build(), Long.class));
        long casTime = hotKeyRun("hot-cas", raw, perThread, (map, key) -> {
            IMap<String, Long> counters = raw.getMap(map);
            while (true) {
                Long current = counters.get(key);
                if (current == null ? counters.putIfAbsent(key, 1L) == null : counters.replace(key, current, current + 1)) {
                    return null;
                }
                casRetries.incrementAndGet();
            }
        });
        long naiveTime = hotKeyRun("hot-naive", raw, perThread, (map, key) -> {
            IMap<String, Long> counters = raw.getMap(map);
            Long current = counters.get(key);
            counters.set(key, current == null ? 1L : current + 1);
            return null;
        });
        int expected = 8 * perThread;
        long naiveSum = raw.<String, Long>getMap("hot-naive").values().stream().mapToLong(Long::longValue).sum();
        long gridletSum = raw.<String, Long>getMap("hot-gridlet").values().stream().mapToLong(Long::longValue).sum();
        long casSum = raw.<String, Long>getMap("hot-cas").values().stream().mapToLong(Long::longValue).sum();
        extra.put("hotkey_updates", expected);
        extra.put("hotkey_gridlet_counted", gridletSum);
        extra.put("hotkey_fcpCas_counted", casSum);
        extra.put("hotkey_fcpCas_retries", casRetries.get());
        extra.put("hotkey_fcpNaive_counted", naiveSum);
        extra.put("hotkey_gridlet_opsPerSec", expected / (gridletTime / 1e9));
        extra.put("hotkey_fcpCas_opsPerSec", expected / (casTime / 1e9));
        extra.put("hotkey_fcpNaive_opsPerSec", expected / (naiveTime / 1e9));
    }

    interface KeyCall {
        Object call(String map, String key) throws Exception;
    }

    private long hotKeyRun(String map, HazelcastInstance raw, int perThread, KeyCall call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        call.call(map, "hot-" + ((thread + i) % 4));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return System.nanoTime() - start;
        } finally {
            threads.shutdownNow();
        }
    }

    /** The serialized size of a Gridlet call and its answer for the aggregate: what crosses the wire. */
    private static int gridletCallBytes() {
        // Envelope: function name, ids, map and key, deadline, flags; answer: status, version, member, output.
        return "bench.aggregate".length() + 16 + "aggregate-1MB".length() + 2 + 8 + 8 + 16 + 8 + 16 + 8 + 64;
    }

    private Map<String, Object> results() throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        for (Map.Entry<String, Histogram> entry : histograms.entrySet()) {
            Histogram histogram = entry.getValue();
            long[] count = counts.get(entry.getKey());
            scenarios.add(new Scenario(entry.getKey(), payloads.get(entry.getKey()), count[0] / (count[1] / 1e9),
                    histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                    histogram.getValueAtPercentile(99.9), count[0]));
        }
        Map<String, Scenario> byName = new LinkedHashMap<>();
        scenarios.forEach(scenario -> byName.put(scenario.name(), scenario));
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("gridlet_vs_submitToKeyOwner_p50", ratio(byName, "rmw_100B_gridlet", "rmw_100B_submitToKeyOwner"));
        ratios.put("gridlet_vs_entryProcessor_p50", ratio(byName, "rmw_100B_gridlet", "rmw_100B_entryProcessor"));
        ratios.put("gridlet_trivial_vs_get_p50", ratio(byName, "trivial_gridlet", "trivial_get"));
        ratios.put("hotkey_gridlet_vs_fcpCas_throughput",
                (double) extra.get("hotkey_gridlet_opsPerSec") / (double) extra.get("hotkey_fcpCas_opsPerSec"));
        ratios.put("hotkey_fcpNaive_lost_fraction",
                1.0 - ((Number) extra.get("hotkey_fcpNaive_counted")).doubleValue()
                        / ((Number) extra.get("hotkey_updates")).doubleValue());
        ratios.put("aggregate1MB_fcp_vs_gridlet_p50", ratio(byName, "aggregate1MB_fetch", "aggregate1MB_gridlet"));
        ratios.put("aggregate1MB_fcp_vs_gridlet_bytes",
                ((Number) extra.get("aggregate1MB_bytes_fetch")).doubleValue()
                        / ((Number) extra.get("aggregate1MB_bytes_gridlet_estimated")).doubleValue());
        ratios.put("fanout_vs_aggregate_time", ratio(byName, "fanout_gridlet", "fanout_aggregate"));
        for (String size : List.of("100B", "10KB", "1MB")) {
            ratios.put("fetchComputePut_vs_gridlet_p50_" + size,
                    ratio(byName, "rmw_" + size + "_fetchComputePut", "rmw_" + size + "_gridlet"));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"), "members", memberCount));
        results.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        results.put("commit", commit());
        results.put("mode", quick ? "quick" : "full");
        results.put("scenarios", scenarios);
        results.put("ratios", ratios);
        results.put("details", extra);
        results.put("notYetMeasured", List.of("rest_vs_client_p50 (see RestLoad)",
                "trigger_vs_bare_jet_throughput (see TriggerBenchmark)"));
        return results;
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
    private static String report(Map<String, Object> results) {
        StringBuilder md = new StringBuilder("# Gridlet benchmark (" + results.get("mode") + ")\n\n");
        md.append("Machine: ").append(results.get("machine")).append(", ").append(results.get("jvm"))
                .append(", commit ").append(results.get("commit")).append(".\n\n");
        md.append("Members are JVMs of their own on loopback; the driver is another JVM calling through a client.\n\n");
        md.append("| scenario | payload | ops/s | p50 µs | p99 µs | p99.9 µs |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Scenario scenario : (List<Scenario>) results.get("scenarios")) {
            md.append(String.format("| %s | %d | %.0f | %.0f | %.0f | %.0f |%n", scenario.name(), scenario.payloadBytes(),
                    scenario.opsPerSec(), scenario.p50Micros(), scenario.p99Micros(), scenario.p999Micros()));
        }
        md.append("\n| ratio | value |\n| --- | ---: |\n");
        ((Map<String, Object>) results.get("ratios")).forEach((name, value) -> md.append(String.format("| %s | %s |%n",
                name, value == null ? "n/a" : String.format("%.3f", ((Number) value).doubleValue()))));
        md.append("\nDetails: ").append(results.get("details")).append("\n\n");
        md.append("![latency](latency.png)\n\n![throughput](throughput.png)\n");
        return md.toString();
    }

    private static String commit() {
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
        for (int port : ports) {
            Process member = new ProcessBuilder(java, "-Xmx768m", "-XX:+UseParallelGC",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), BenchMember.class.getName(), cluster,
                    Integer.toString(port), String.join(",", seeds))
                    .redirectErrorStream(true).start();
            members.add(member);
        }
        for (Process member : members) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("READY")) {
                // member log lines before it is ready
            }
            if (line == null) {
                throw new IllegalStateException("a member exited before it was ready");
            }
            Thread drain = new Thread(() -> {
                try {
                    while (lines.readLine() != null) {
                        // keep the pipe empty
                    }
                } catch (IOException ignored) {
                    // the member stopped
                }
            });
            drain.setDaemon(true);
            drain.start();
        }
        log.printf("%d members up%n", members.size());
    }

    private static HazelcastInstance rawClient(String cluster, List<String> seeds) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().addAddress(seeds.toArray(new String[0]));
        config.getSerializationConfig().addDataSerializableFactory(RawTasks.FACTORY_ID, RawTasks.factory());
        return HazelcastClient.newHazelcastClient(config);
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
