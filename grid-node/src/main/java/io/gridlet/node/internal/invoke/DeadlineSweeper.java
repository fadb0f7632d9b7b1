package io.gridlet.node.internal.invoke;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires calls whose deadline passed, on one thread per node that ticks every few milliseconds.
 *
 * <p>Why not a timer per call: a {@code ScheduledThreadPoolExecutor} wakes its thread whenever a
 * new task becomes the earliest, which with calls running one after another is every call: two
 * extra thread wake-ups per invocation (caller and member), measured as a large share of a
 * trivial call on two cores. Watching costs a concurrent-set insert and remove instead, and a
 * deadline is met within one tick. Thread-safe.
 */
public final class DeadlineSweeper implements AutoCloseable {

    /** Something with a deadline. */
    public interface Expiring {
        /** The deadline, in {@link System#nanoTime()} terms. */
        long deadlineNanos();

        /** Called once, on the sweeper's thread, when the deadline passed while still watched. */
        void expire();
    }

    static final long TICK_MILLIS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(DeadlineSweeper.class);

    private final Set<Expiring> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor thread;

    public DeadlineSweeper() {
        thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread sweeper = new Thread(runnable, "gridlet-deadlines");
            sweeper.setDaemon(true);
            return sweeper;
        });
        thread.scheduleWithFixedDelay(this::sweep, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    public void watch(Expiring expiring) {
        watched.add(expiring);
    }

    /** Stops watching; returns whether it was still watched, so it has not expired. */
    public boolean unwatch(Expiring expiring) {
        return watched.remove(expiring);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Expiring expiring : watched) {
            if (now - expiring.deadlineNanos() >= 0 && watched.remove(expiring)) {
                try {
                    expiring.expire();
                } catch (RuntimeException e) {
                    LOG.error("Expiring a call failed", e);
                }
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
