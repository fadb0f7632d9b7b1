package io.gridlet.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.map.IMap;
import io.gridlet.api.GridletException;
import io.gridlet.node.GridletClient;
import io.gridlet.node.Invocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Load for a fault scenario, and the history it leaves: writers that each own their keys and
 * write every key a rising sequence number; callers that invoke a transactional increment once
 * per call with its own idempotency key and a deadline; a feeder that adds events for an
 * exactly-once trigger. Then {@link #check()} reads everything back, Jepsen style: every
 * acknowledged write must be readable, at its sequence number or a later attempted one.
 */
final class Workload implements AutoCloseable {

    static final Duration CALL_DEADLINE = Duration.ofSeconds(5);
    /** A call that answers later than its deadline by more than this has hung. */
    static final long HANG_SLACK_MILLIS = 2_000;
    static final int WRITERS = 4;
    static final int KEYS_PER_WRITER = 200;
    static final int CALLERS = 4;
    static final String TRIGGER = "ledger";

    private final GridletClient gridlet;
    private final HazelcastInstance raw;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Future<?>> running = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();

    // writes: per key, the highest acknowledged and the highest attempted sequence number
    private final AtomicLongArray acked = new AtomicLongArray(WRITERS * KEYS_PER_WRITER);
    private final AtomicLongArray attempted = new AtomicLongArray(WRITERS * KEYS_PER_WRITER);
    private final AtomicLong writesAcked = new AtomicLong();
    private final AtomicLong writesIndeterminate = new AtomicLong();
    private final AtomicLong writesFailed = new AtomicLong();

    // invocations
    private final AtomicInteger nextCall = new AtomicInteger();
    private final Map<Integer, String> callOutcomes = new ConcurrentHashMap<>();
    private final AtomicLong callsUntyped = new AtomicLong();
    private final AtomicLong callsHung = new AtomicLong();
    private final AtomicLong callsTyped = new AtomicLong();
    private final AtomicLong callsSucceeded = new AtomicLong();

    /** Errors seen, by what failed and the error's class: the figures name them. */
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();

    private final List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());

    private void note(String what, RuntimeException error) {
        if (samples.size() < 20) {
            samples.add(what + ": " + error);
        }
        errors.computeIfAbsent(what + " " + error.getClass().getSimpleName(), kind -> new AtomicLong()).incrementAndGet();
    }

    // trigger events
    private final List<String> eventsAcked = java.util.Collections.synchronizedList(new ArrayList<>());

    // plain increments of shared counters: the values acknowledged, per counter
    private final List<List<Long>> incrementValues = new ArrayList<>();
    private final AtomicLong incrementsAttempted = new AtomicLong();

    Workload(String cluster, List<String> seeds) {
        this.gridlet = GridletClient.builder().clusterName(cluster).addresses(seeds).defaultTimeout(CALL_DEADLINE)
                .connect();
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.client.heartbeat.timeout", "8000");
        config.setProperty("hazelcast.client.invocation.timeout.seconds", "30");
        // A write whose backup did not confirm is reported as indeterminate, never as done.
        config.setProperty("hazelcast.client.operation.fail.on.indeterminate.state", "true");
        config.getNetworkConfig().addAddress(seeds.toArray(new String[0]));
        this.raw = HazelcastClient.newHazelcastClient(config);
        for (int c = 0; c < LocalLoad.COUNTER_COUNT; c++) {
            incrementValues.add(java.util.Collections.synchronizedList(new ArrayList<>()));
        }
    }

    GridletClient gridlet() {
        return gridlet;
    }

    /** Starts every thread of load. */
    void start() {
        IMap<String, Long> ledger = raw.getMap("ledger");
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            running.add(threads.submit(() -> write(ledger, writer)));
        }
        for (int c = 0; c < CALLERS; c++) {
            running.add(threads.submit(this::call));
        }
        running.add(threads.submit(this::feed));
        running.add(threads.submit(this::increment));
    }

    /**
     * Plain increments of the shared counters: the function reads the routed entry, adds one and
     * sets it, with no idempotency key. Each acknowledged value must be unique per counter, and
     * each counter must end at least at its acknowledged increments: a value seen twice, or a
     * counter short of its acknowledgements, is an acknowledged update lost.
     */
    private void increment() {
        for (long i = 0; !stop.get(); i++) {
            int counter = (int) (i % LocalLoad.COUNTER_COUNT);
            incrementsAttempted.incrementAndGet();
            try {
                long value = gridlet.invoker().invoke(Invocation.of("count.plain")
                        .onKey(LocalLoad.COUNTERS, LocalLoad.counterKey(counter)).timeout(CALL_DEADLINE).build(),
                        Long.class);
                incrementValues.get(counter).add(value);
            } catch (GridletException e) {
                note("increment", e);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            } catch (RuntimeException e) {
                callsUntyped.incrementAndGet();
                note("increment", e);
            }
        }
    }

    /** The increments this load had acknowledged, per counter. */
    List<List<Long>> incrementValues() {
        List<List<Long>> copy = new ArrayList<>();
        incrementValues.forEach(values -> copy.add(List.copyOf(values)));
        return copy;
    }

    /** Operations finished so far, successful or not: a clock that moves only while load runs. */
    long operations() {
        return writesAcked.get() + writesIndeterminate.get() + writesFailed.get() + callOutcomes.size();
    }

    private void write(IMap<String, Long> ledger, int writer) {
        for (long sequence = 1; !stop.get(); sequence++) {
            for (int k = 0; k < KEYS_PER_WRITER && !stop.get(); k++) {
                int slot = writer * KEYS_PER_WRITER + k;
                attempted.set(slot, sequence);
                try {
                    ledger.set(key(slot), sequence);
                    acked.set(slot, sequence);
                    writesAcked.incrementAndGet();
                } catch (IndeterminateOperationStateException e) {
                    writesIndeterminate.incrementAndGet();
                    note("write", e);
                } catch (RuntimeException e) {
                    writesFailed.incrementAndGet();
                    note("write", e);
                }
            }
        }
    }

    private static String key(int slot) {
        return "w" + slot;
    }

    private void call() {
        while (!stop.get()) {
            int call = nextCall.getAndIncrement();
            callOutcomes.put(call, invoke(call));
        }
    }

    /** One call: "ok", or the typed error's class; untyped errors and hangs are counted. */
    private String invoke(int call) {
        long start = System.nanoTime();
        String outcome;
        try {
            gridlet.invoker().invoke(Invocation.of("count.tx").onKey("calls", "c" + call)
                    .idempotencyKey("call-" + call).timeout(CALL_DEADLINE).build(), Long.class);
            callsSucceeded.incrementAndGet();
            outcome = "ok";
        } catch (GridletException e) {
            callsTyped.incrementAndGet();
            outcome = e.getClass().getSimpleName();
            note("call", e);
        } catch (RuntimeException e) {
            callsUntyped.incrementAndGet();
            outcome = "untyped " + e;
            note("call", e);
        }
        if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) > CALL_DEADLINE.toMillis() + HANG_SLACK_MILLIS) {
            callsHung.incrementAndGet();
        }
        return outcome;
    }

    private void feed() {
        IMap<String, Integer> events = raw.getMap(TRIGGER + "-in");
        for (int batch = 0; !stop.get(); batch++) {
            Map<String, Integer> entries = new HashMap<>();
            for (int i = 0; i < 20; i++) {
                entries.put("e" + batch + "-" + i, i);
            }
            try {
                events.putAll(entries);
                eventsAcked.addAll(entries.keySet());
            } catch (RuntimeException e) {
                // not acknowledged: these events may or may not exist, and are not counted
                note("event", e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Stops the load and waits for every thread to end. */
    void stop() throws Exception {
        stop.set(true);
        for (Future<?> future : running) {
            future.get(2, TimeUnit.MINUTES);
        }
    }

    /**
     * Reads the history back after the faults: calls that failed are repeated with their
     * idempotency keys until they succeed, then every counter must be exactly 1.
     */
    Figures check(Duration triggerWait) {
        return check(triggerWait, List.of());
    }

    /**
     * As {@link #check(Duration)}, counting with this load's increments those that others (the
     * members' own loads) had acknowledged: {@code otherIncrements} holds, per source, its
     * acknowledged values per counter.
     */
    Figures check(Duration triggerWait, List<List<List<Long>>> otherIncrements) {
        samples.forEach(sample -> System.out.println("error seen: " + sample));
        IMap<String, Long> ledger = raw.getMap("ledger");
        Map<String, Long> finals = ledger.getAll(java.util.stream.IntStream.range(0, acked.length())
                .mapToObj(Workload::key).collect(java.util.stream.Collectors.toSet()));
        long lost = 0;
        long impossible = 0;
        for (int slot = 0; slot < acked.length(); slot++) {
            Long value = finals.get(key(slot));
            long read = value == null ? 0 : value;
            if (read < acked.get(slot)) {
                lost++;
            }
            if (read > attempted.get(slot)) {
                impossible++;
            }
        }

        long calls = callOutcomes.size();
        long succeeded = callsSucceeded.get();
        long typed = callsTyped.get();
        long repeated = 0;
        Map<Integer, String> firstOutcomes = new HashMap<>();
        for (Map.Entry<Integer, String> outcome : callOutcomes.entrySet()) {
            if (!outcome.getValue().equals("ok")) {
                repeated++;
                firstOutcomes.put(outcome.getKey(), outcome.getValue());
                // Until it succeeds, for up to a minute: a lock a lost transaction held expires by then.
                String again = invoke(outcome.getKey());
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!again.equals("ok") && System.nanoTime() < giveUp) {
                    again = invoke(outcome.getKey());
                }
                outcome.setValue(again);
            }
        }
        Map<String, Long> counters = new HashMap<>(raw.<String, Long>getMap("calls"));
        long twice = counters.values().stream().filter(count -> count > 1).count();
        long unapplied = callOutcomes.keySet().stream().filter(call -> !counters.containsKey("c" + call)).count();
        callOutcomes.forEach((call, outcome) -> {
            if (!counters.containsKey("c" + call) || counters.get("c" + call) > 1) {
                // The history of a call the check faults, to read when it fails.
                Object record = new com.hazelcast.partition.PartitionAwareKey<>("count.tx\u0000call-" + call, "c" + call);
                System.out.println("call " + call + " counted " + counters.get("c" + call) + ": first "
                        + firstOutcomes.getOrDefault(call, "ok") + ", at last " + outcome + "; record "
                        + raw.getMap("gridlet.idempotency").get(record) + ", record locked "
                        + raw.getMap("gridlet.idempotency").isLocked(record) + ", counter locked "
                        + raw.getMap("calls").isLocked("c" + call) + ", owner "
                        + raw.getPartitionService().getPartition("c" + call).getOwner());
            }
        });

        IMap<String, Long> effects = raw.getMap("effects");
        List<String> expected = List.copyOf(eventsAcked);
        java.util.Set<String> keys = new java.util.HashSet<>(expected);
        try {
            org.awaitility.Awaitility.await().atMost(triggerWait).pollInterval(Duration.ofMillis(500))
                    .until(() -> effects.getAll(keys).size() == keys.size());
        } catch (org.awaitility.core.ConditionTimeoutException notAll) {
            // counted next: an effect that never arrived is an event lost
        }
        java.util.Set<String> arrived = effects.getAll(keys).keySet();
        long missing = expected.size() - arrived.size();
        IMap<String, Integer> events = raw.getMap(TRIGGER + "-in");
        for (String key : expected) {
            if (!arrived.contains(key)) {
                // The history of an event the check faults, to read when it fails: its batch's place
                // in the feed, its partition and owner now, and whether its write is still there.
                com.hazelcast.partition.Partition partition = raw.getPartitionService().getPartition(key);
                System.out.println("event " + key + " acknowledged, no effect: acknowledged as number "
                        + expected.indexOf(key) + " of " + expected.size() + ", partition " + partition.getPartitionId()
                        + ", owner " + partition.getOwner() + ", in the source map " + events.containsKey(key));
            }
        }
        long effectsTwice = effects.values().stream().filter(count -> count > 1).count();

        List<List<List<Long>>> sources = new ArrayList<>(otherIncrements);
        sources.add(incrementValues());
        long[] finalCounters = new long[LocalLoad.COUNTER_COUNT];
        for (int c = 0; c < finalCounters.length; c++) {
            Object value = raw.getMap(LocalLoad.COUNTERS).get(LocalLoad.counterKey(c));
            finalCounters[c] = value == null ? 0 : ((Number) value).longValue();
        }
        IncrementHistory increments = IncrementHistory.check(sources, finalCounters);
        long deadLettered = deadLetters();

        return new Figures(writesAcked.get(), writesIndeterminate.get(), writesFailed.get(), lost, impossible,
                calls, succeeded, typed, callsUntyped.get(), callsHung.get(),
                repeated, twice, unapplied, expected.size(), missing, effectsTwice, deadLettered,
                increments.acked(), increments.lost(), increments.duplicated(),
                new java.util.TreeMap<>(errors.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> e.getValue().get()))));
    }

    /**
     * The trigger's dead letters, each noted with its error: under faults alone an exactly-once
     * trigger must write none (a dead letter moves its mark past an event it never applied).
     */
    private long deadLetters() {
        IMap<String, com.hazelcast.core.HazelcastJsonValue> letters =
                raw.getMap(io.gridlet.node.internal.trigger.GridTriggers.DEAD_LETTERS);
        ObjectMapper json = new ObjectMapper();
        long count = 0;
        for (Map.Entry<String, com.hazelcast.core.HazelcastJsonValue> letter : letters.entrySet()) {
            if (!letter.getKey().startsWith(TRIGGER + "/")) {
                continue;
            }
            count++;
            String error;
            try {
                error = json.readTree(letter.getValue().getValue()).path("error").asText();
            } catch (java.io.IOException e) {
                error = letter.getValue().getValue();
            }
            System.out.println("dead letter of " + TRIGGER + ": " + letter.getValue().getValue());
            errors.computeIfAbsent("dead letter " + error.substring(0, Math.min(error.length(), 80)),
                    kind -> new AtomicLong()).incrementAndGet();
        }
        return count;
    }

    @Override
    public void close() {
        stop.set(true);
        threads.shutdownNow();
        gridlet.close();
        raw.shutdown();
    }
}
