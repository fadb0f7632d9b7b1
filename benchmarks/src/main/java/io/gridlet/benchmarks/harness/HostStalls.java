package io.gridlet.benchmarks.harness;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The driver's stalls while it measures: a thread that asks to sleep 1 ms, again and again, and
 * records how much later than that it woke, in microseconds (a hiccup meter, as jHiccup measures
 * a JVM). Nothing the grid does reaches it, so what it records is what the machine did to every
 * thread of the driver at that time: the host taking the cores away, the driver's own collections.
 *
 * <p>Why: an open-loop p99 over a few seconds is the 50th worst of about 5,000 calls, and one
 * stall of the machine of 100 ms makes about 100 calls late, for whichever scenario happens to be
 * running. On the reference machine the slices of one run had p99s from 3 ms to 160 ms
 * (docs/benchmarks.md, "the fourteenth pass"). Beside each slice's tail, the meter says whether
 * the machine stalled during it.
 */
final class HostStalls implements AutoCloseable {

    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Recorder recorder = new Recorder(3);
    private final Thread thread;
    private volatile boolean running = true;

    HostStalls() {
        thread = new Thread(this::run, "bench-host-stalls");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(PERIOD_NANOS);
            long late = System.nanoTime() - before - PERIOD_NANOS;
            recorder.recordValue(Math.max(0, late / 1_000));
        }
    }

    /** The stalls since the last call (or since the meter started), in microseconds. */
    Histogram sinceLast() {
        return recorder.getIntervalHistogram();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
