package io.gridlet.node.internal.invoke;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires calls whose deadline passed, on one thread per node that sleeps until the earliest
 * deadline it knows of.
 *
 * <p>Why not a timer per call: a {@code ScheduledThreadPoolExecutor} wakes its thread whenever a
 * new task becomes the earliest, which with calls running one after another is every call: two
 * extra thread wake-ups per invocation (caller and member), measured as a large share of a
 * trivial call on two cores. Watching costs a concurrent-set insert and remove instead.
 *
 * <p>Why not a fixed tick: a tick every 5 ms woke the thread 200 times a second on every member
 * and client, busy or idle, and under hot keys it cost about 2% of the members' CPU and of the
 * client's (async-profiler's CPU samples), for deadlines that almost never pass. Here a call whose
 * deadline is no earlier than the planned sweep's (every call, when calls share a timeout, since
 * each starts later than the one before) costs no wake-up; a sweep finds most planned deadlines
 * already gone with their calls and plans the next from the calls still watched, so under a
 * steady load the thread wakes about once a second (the backstop below) instead of 200 times, and
 * once a second when idle, without sweeping. A call with an earlier deadline than any planned
 * wakes the thread to plan again: rare, and what a timer would do.
 *
 * <p>A deadline is met when it passes, to within the scheduler's wake-up. As a backstop, while
 * calls are watched the thread sweeps at least every {@link #BACKSTOP} whatever is planned, so no
 * plan missed by a mistake here could keep a call past its deadline longer than that. Thread-safe.
 */
public final class DeadlineSweeper implements AutoCloseable {

    /** Something with a deadline. */
    public interface Expiring {
        /** The deadline, in {@link System#nanoTime()} terms. */
        long deadlineNanos();

        /** Called once, on the sweeper's thread, when the deadline passed while still watched. */
        void expire();
    }

    /** The longest the thread sleeps, whatever is planned. */
    static final long BACKSTOP = TimeUnit.SECONDS.toNanos(1);
    /** No sweep planned: nothing was watched at the last one. */
    private static final long NONE = Long.MIN_VALUE;
    private static final Logger LOG = LoggerFactory.getLogger(DeadlineSweeper.class);

    private final Set<Expiring> watched = ConcurrentHashMap.newKeySet();
    /** When the next sweep is due, in {@link System#nanoTime()} terms, or {@link #NONE}. */
    private final AtomicLong planned = new AtomicLong(NONE);
    private final Thread thread;
    private volatile boolean closed;
    /** How many sweeps ran: what the tests see of the thread's wake-ups. */
    private final AtomicLong sweeps = new AtomicLong();

    public DeadlineSweeper() {
        thread = new Thread(this::run, "gridlet-deadlines");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Watches a call until {@link #unwatch}. It is added before the plan is read: a sweep that
     * clears the plan after that read sees the call; one that cleared it before left the plan
     * {@link #NONE} or at the earliest deadline it saw, and the call plans its own if earlier.
     */
    public void watch(Expiring expiring) {
        watched.add(expiring);
        if (plan(expiring.deadlineNanos())) {
            LockSupport.unpark(thread);
        }
    }

    /** Stops watching; returns whether it was still watched, so it has not expired. */
    public boolean unwatch(Expiring expiring) {
        return watched.remove(expiring);
    }

    /** Makes the next sweep due no later than {@code deadline}; true if that moved it earlier. */
    private boolean plan(long deadline) {
        while (true) {
            long current = planned.get();
            if (current != NONE && current - deadline <= 0) {
                return false;
            }
            if (planned.compareAndSet(current, deadline)) {
                return true;
            }
        }
    }

    private void run() {
        long lastSweep = System.nanoTime();
        while (!closed) {
            long now = System.nanoTime();
            long due = planned.get();
            if (now - lastSweep >= BACKSTOP) {
                if (!watched.isEmpty()) {
                    sweep();
                }
                lastSweep = now;
                continue;
            }
            if (due != NONE && due - now <= 0) {
                sweep();
                lastSweep = now;
                continue;
            }
            long wait = BACKSTOP - (now - lastSweep);
            if (due != NONE) {
                wait = Math.min(wait, due - now);
            }
            // Woken early by a call that planned an earlier sweep, or by close().
            LockSupport.parkNanos(this, wait);
        }
    }

    /**
     * Takes the plan first, so that a call watched from now on plans its own deadline, then
     * expires what is due and plans the earliest deadline still watched.
     */
    private void sweep() {
        planned.set(NONE);
        sweeps.incrementAndGet();
        long now = System.nanoTime();
        long earliest = NONE;
        for (Expiring expiring : watched) {
            long deadline = expiring.deadlineNanos();
            if (now - deadline >= 0) {
                if (watched.remove(expiring)) {
                    try {
                        expiring.expire();
                    } catch (RuntimeException e) {
                        LOG.error("Expiring a call failed", e);
                    }
                }
            } else if (earliest == NONE || deadline - earliest < 0) {
                earliest = deadline;
            }
        }
        if (earliest != NONE) {
            plan(earliest);
        }
    }

    long sweeps() {
        return sweeps.get();
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
