package io.gridlet.node.internal.invoke.member;

import com.hazelcast.internal.serialization.Data;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This member's locks on routed keys: calls on one key of one map run one after another here,
 * on the key's owner, each holding the key until its write is queued on the key's partition. A
 * lock exists only while a call holds or waits for it.
 *
 * <p>Why not {@code IMap.lock}: it is a partition operation each to take and to give back, two
 * trips to the partition thread per call, and what it buys beyond this (a lock that migrates with
 * its partition) the routed entry gets from its compare-and-set write instead: a call that raced
 * another on a migrating key does not apply.
 *
 * <p>The locks also know when the routed entry's value a call already has is current, so that
 * the call need not read it again in an operation of its own (a trip to the partition thread):
 * <ul>
 * <li>the value the previous holder queued to write, kept by the lock while calls wait for it: on
 * a busy key the next call starts from it;</li>
 * <li>the value the key's partition thread read before it handed the call over, if no call on
 * this member wrote the key since the call arrived and none is writing it now. Each write counts
 * itself in its stripe of keys while it is under way, from before it is queued until it completed
 * (or failed), then stamps the stripe with the time; a call that arrived later than the stamp,
 * with no write under way, was read later than every write.</li>
 * </ul>
 * Either may still be stale where something else wrote the key (a plain map write, a call on
 * another member while the partition migrated): the compare-and-set write then does not apply,
 * as it would after a fresh read. Thread-safe.
 */
final class KeyLocks {

    private static final int STRIPES = 1024;

    private final ConcurrentHashMap<KeyId, Holder> locks = new ConcurrentHashMap<>();
    private final AtomicLongArray written = new AtomicLongArray(STRIPES);
    private final AtomicIntegerArray writing = new AtomicIntegerArray(STRIPES);

    KeyLocks() {
        // nanoTime may be negative: no call arrived before the member started.
        long now = System.nanoTime();
        for (int i = 0; i < STRIPES; i++) {
            written.set(i, now);
        }
    }

    /**
     * What a call taking a key knows of it: the epoch it starts in and, if {@code known}, the value
     * the key will hold once the writes queued before it apply ({@code null}: no entry).
     */
    record Known(long epoch, boolean known, Data value) {
    }

    /** A routed key: its map and the key as the call carried it. */
    record KeyId(String map, Object key) {
    }

    /**
     * A lock and how many calls hold or wait for it (guarded by the map's bin lock when counted),
     * and the value the last write on the key will leave, once queued, while that is known.
     *
     * <p>A holder gives the key to the next call as soon as its write is queued, before the write
     * is known to apply ({@code OwnerRoutedEntry}), so the value it hands on may turn out never to
     * have been written. Each write that does not apply, or whose outcome is unknown, starts a new
     * epoch and forgets the value; a value derived in an earlier epoch is not kept, so the next
     * call reads the entry afresh instead of building on it. Thread-safe.
     */
    static final class Holder {
        final ReentrantLock lock = new ReentrantLock();
        int users;
        private long epoch;
        private boolean known;
        private Data value;

        /** What the holder starts from: the epoch, and the value the key will hold if known. */
        synchronized Known known() {
            return new Known(epoch, known, value);
        }

        /** The holder queued a write of {@code written}, from what it knew in {@code since}. */
        synchronized void wrote(Data written, long since) {
            if (since == epoch) {
                known = true;
                value = written;
            }
        }

        /** A write did not apply, or its outcome is unknown: what was handed on may be wrong. */
        synchronized void forget() {
            epoch++;
            known = false;
            value = null;
        }
    }

    /** A write to the key is about to be queued: until {@link #written}, no handed-over value is current. */
    void writing(KeyId key) {
        writing.incrementAndGet(stripe(key));
    }

    /** A write to the key completed, or failed with its outcome unknown: stamps its stripe. */
    void written(KeyId key) {
        int stripe = stripe(key);
        // The stamp first: whoever sees no write under way sees its time.
        written.set(stripe, System.nanoTime());
        writing.decrementAndGet(stripe);
    }

    /**
     * Whether no call on this member wrote the key (or one of its stripe) since {@code nanos}, and
     * none is writing it now.
     */
    boolean unwrittenSince(KeyId key, long nanos) {
        int stripe = stripe(key);
        return writing.get(stripe) == 0 && nanos - written.get(stripe) > 0;
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
