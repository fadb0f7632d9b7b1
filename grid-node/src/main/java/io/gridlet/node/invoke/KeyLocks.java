package io.gridlet.node.invoke;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This member's locks on routed keys: calls on one key of one map run one after another here,
 * on the key's owner. A lock exists only while a call holds or waits for it.
 *
 * <p>Why not {@code IMap.lock}: it is a partition operation each to take and to give back, two
 * trips to the partition thread per call, and what it buys beyond this (a lock that migrates with
 * its partition) the routed entry gets from its compare-and-set write instead: a call that raced
 * another on a migrating key does not apply. Thread-safe.
 */
final class KeyLocks {

    private final ConcurrentHashMap<KeyId, Holder> locks = new ConcurrentHashMap<>();

    /** A routed key: its map and the key as the call carried it. */
    record KeyId(String map, Object key) {
    }

    /** A lock and how many calls hold or wait for it; guarded by the map's bin lock when counted. */
    static final class Holder {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    /**
     * Takes the key's lock, waiting at most until {@code deadlineNanos}.
     *
     * @return the holder to give back to {@link #release}, or null if the deadline passed first
     */
    Holder acquire(KeyId key, long deadlineNanos) throws InterruptedException {
        Holder holder = locks.compute(key, (id, current) -> {
            Holder next = current == null ? new Holder() : current;
            next.users++;
            return next;
        });
        boolean locked = false;
        try {
            locked = holder.lock.tryLock() || holder.lock.tryLock(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        } finally {
            if (!locked) {
                forget(key, holder);
            }
        }
        return locked ? holder : null;
    }

    /** Gives the key's lock back. */
    void release(KeyId key, Holder holder) {
        holder.lock.unlock();
        forget(key, holder);
    }

    private void forget(KeyId key, Holder holder) {
        locks.computeIfPresent(key, (id, current) -> {
            if (current != holder) {
                return current;
            }
            return --current.users == 0 ? null : current;
        });
    }

    /** Keys locked or waited for now, for tests. */
    int size() {
        return locks.size();
    }
}
