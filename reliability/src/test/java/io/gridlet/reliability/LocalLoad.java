package io.gridlet.reliability;

import io.gridlet.api.GridletException;
import io.gridlet.node.GridErrors;
import io.gridlet.node.GridNode;
import io.gridlet.node.Invocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load a member puts on the grid through itself, as a standalone node's REST callers do: a writer
 * of keys of its own, and every fourth call a plain (non-idempotent) increment of one of four
 * shared counters through the member's own invoker, which reads the routed entry, adds one and
 * sets it. On the small side of a partition this is the load that must be refused, not
 * acknowledged and then lost. Every acknowledged write and increment is noted with when it
 * started and ended, so the history check can tell which were acknowledged during a cut.
 */
final class LocalLoad {

    static final String COUNTERS = "counters";
    static final String MAP = "local";
    static final int COUNTER_COUNT = 4;

    private final GridNode node;
    private final String prefix;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;
    /** Acknowledged increments: counter, value returned, started and ended (epoch millis). */
    private final List<long[]> increments = Collections.synchronizedList(new ArrayList<>());
    /** Acknowledged writes: key number, started and ended (epoch millis). */
    private final List<long[]> writes = Collections.synchronizedList(new ArrayList<>());
    private final long[] attemptedIncrements = new long[COUNTER_COUNT];
    private final Map<String, Long> errors = Collections.synchronizedMap(new HashMap<>());

    LocalLoad(GridNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
        this.thread = new Thread(this::run, "local-load");
        this.thread.setDaemon(true);
    }

    static String counterKey(int counter) {
        return "shared-" + counter;
    }

    void start() {
        thread.start();
    }

    private void run() {
        for (long i = 0; !stop.get(); i++) {
            long started = System.currentTimeMillis();
            try {
                if (i % 4 == 3) {
                    int counter = (int) ((i / 4) % COUNTER_COUNT);
                    synchronized (attemptedIncrements) {
                        attemptedIncrements[counter]++;
                    }
                    long value = node.invoker().invoke(Invocation.of("count.plain").onKey(COUNTERS, counterKey(counter))
                            .timeout(Workload.CALL_DEADLINE).build(), Long.class);
                    increments.add(new long[] {counter, value, started, System.currentTimeMillis()});
                } else {
                    long key = i;
                    try {
                        node.hazelcast().getMap(MAP).set(prefix + key, key);
                    } catch (RuntimeException e) {
                        throw GridErrors.translate(e, "writing");
                    }
                    writes.add(new long[] {key, started, System.currentTimeMillis()});
                }
            } catch (GridletException e) {
                errors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                pause();
            } catch (RuntimeException e) {
                errors.merge("untyped " + e.getClass().getSimpleName(), 1L, Long::sum);
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop() throws InterruptedException {
        stop.set(true);
        thread.join(Duration.ofSeconds(30).toMillis());
    }

    /**
     * What this member's load saw and whether its acknowledged writes survived: read back through
     * the member itself once the cluster is whole again.
     */
    Map<String, Object> report(long cutMillis, long healMillis) {
        Set<String> keys = new HashSet<>();
        List<long[]> acked = List.copyOf(writes);
        acked.forEach(write -> keys.add(prefix + write[0]));
        Map<Object, Object> read = node.hazelcast().getMap(MAP).getAll(new HashSet<>(keys));
        long lost = acked.stream().filter(write -> read.get(prefix + write[0]) == null).count();
        List<long[]> incs = List.copyOf(increments);
        List<long[]> writesDuringCut = acked.stream()
                .filter(write -> write[1] >= cutMillis && write[2] <= healMillis).toList();
        List<long[]> incrementsDuringCut = incs.stream()
                .filter(inc -> inc[2] >= cutMillis && inc[3] <= healMillis).toList();
        long duringCut = writesDuringCut.size() + incrementsDuringCut.size();
        List<List<Long>> values = new ArrayList<>();
        for (int c = 0; c < COUNTER_COUNT; c++) {
            int counter = c;
            values.add(incs.stream().filter(inc -> inc[0] == counter).map(inc -> inc[1]).toList());
        }
        Map<String, Object> report = new HashMap<>();
        report.put("writesAcked", acked.size());
        report.put("writesLost", lost);
        report.put("ackedDuringCut", duringCut);
        // When they started and ended, in ms after the cut: the first few, to read when a check fails.
        report.put("writesDuringCut", writesDuringCut.stream().limit(10)
                .map(write -> List.of(write[1] - cutMillis, write[2] - cutMillis)).toList());
        report.put("incrementsDuringCut", incrementsDuringCut.stream().limit(10)
                .map(inc -> List.of(inc[0], inc[1], inc[2] - cutMillis, inc[3] - cutMillis)).toList());
        report.put("incrementValues", values);
        synchronized (attemptedIncrements) {
            report.put("incrementsAttempted", attemptedIncrements.clone());
        }
        report.put("errors", new HashMap<>(errors));
        return report;
    }
}
