package io.gridlet.node.internal.invoke.member;

import com.hazelcast.internal.serialization.Data;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This member's locks on routed keys: calls on one key of one map run one after another here,
 * on the key's owner. A lock exists only while a call holds or waits for it.
 *
 * <p>Why not {@code IMap.lock}: it is a partition operation each to take and to give back, two
 * trips to the partition thread per call, and what it buys beyond this (a lock that migrates with
 * its partition) the routed entry gets from its compare-and-set write instead: a call that raced
 * another on a migrating key does not apply.
 *
 * <p>The locks also know when the routed entry's value a call already has is current, so that
 * the call need not read it again in an operation of its own (a trip to the partition thread):
 * <ul>
 * <li>the value the previous holder wrote, kept by the lock while calls wait for it: on a busy key
 * the next call starts from it;</li>
 * <li>the value the key's partition thread read before it handed the call over, if no call on
 * this member wrote the key since the call arrived. Each write stamps its stripe of keys with the
 * time it completed, before the lock is given back; a call that arrived later than the stamp was
 * read later than the write.</li>
 * </ul>
 * Either may still be stale where something else wrote the key (a plain map write, a call on
 * another member while the partition migrated): the compare-and-set write then does not apply,
 * as it would after a fresh read. Thread-safe.
 */
final class KeyLocks {

    private static final int STRIPES = 1024;

    private final ConcurrentHashMap<KeyId, Holder> locks = new ConcurrentHashMap<>();
    private final AtomicLongArray written = new AtomicLongArray(STRIPES);

    KeyLocks() {
        // nanoTime may be negative: no call arrived before the member started.
        long now = System.nanoTime();
        for (int i = 0; i < STRIPES; i++) {
            written.set(i, now);
        }
    }

    /** A routed key: its map and the key as the call carried it. */
    record KeyId(String map, Object key) {
    }

    /**
     * A lock and how many calls hold or wait for it (guarded by the map's bin lock when counted),
     * and the value its last holder wrote (guarded by the lock).
     */
    static final class Holder {
        final ReentrantLock lock = new ReentrantLock();
        int users;
        private boolean known;
        private Data value;

        /** Whether the previous holder left the value it wrote; read under the lock. */
        boolean knowsValue() {
            return known;
        }

        /** The value the previous holder wrote, serialized; {@code null} for none. */
        Data value() {
            return value;
        }

        /** The holder wrote {@code written} and its write applied. */
        void wrote(Data written) {
            known = true;
            value = written;
        }

        /** The holder tried a write whose outcome it cannot be sure of. */
        void forget() {
            known = false;
            value = null;
        }
    }

    /** A write to the key completed, or failed with its outcome unknown: stamps its stripe. */
    void stamp(KeyId key) {
        written.set(stripe(key), System.nanoTime());
    }

    /** Whether no call on this member wrote the key (or one of its stripe) since {@code nanos}. */
    boolean unwrittenSince(KeyId key, long nanos) {
        return nanos - written.get(stripe(key)) > 0;
    }

    private static int stripe(KeyId key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
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
