package io.gridlet.node.internal.invoke.member;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.MapProxyImpl;
import com.hazelcast.spi.impl.InternalCompletableFuture;
import io.gridlet.node.internal.invoke.wire.KeyWrite;
import io.gridlet.node.internal.invoke.wire.CallHandler;

/**
 * The routed entry of a call running on its key's owner. Calls on the key run one after another
 * under this member's lock ({@link KeyLocks}), taken on first use. The value comes from what the
 * call already has where that is known current (the value the previous call on the key queued to write, or
 * the one the key's partition thread read when it handed the call over), else from {@code get}.
 * It is written back with a compare-and-set against the value read ({@link KeyWrite}, as
 * {@code replace}, {@code putIfAbsent} or {@code remove} against a value; the value kept in its
 * serialized form, for a function may change the object it read in place), answered only once
 * its synchronous backups confirm it. Were
 * the key written meanwhile by anything else (a call on another member while the partition
 * migrated, a plain map write), the write does not apply and {@link #commit()} throws
 * {@link ChangedUnderneathException}: nothing is lost, and the caller sends the call again.
 *
 * <p>A function that writes without reading writes blindly, last writer wins, as a map write does.
 * Used by one invocation's thread only.
 */
final class OwnerRoutedEntry<V> extends BufferedRoutedEntry<V> {

    private final IMap<Object, V> map;
    private final SerializationService serialization;
    private final KeyLocks locks;
    private final KeyLocks.KeyId id;
    private final long deadlineNanos;
    private final CallHandler.HandedOff handedOff;
    private KeyLocks.Holder held;
    private KeyLocks.Known known;
    private boolean read;
    private Data original;

    /**
     * @param handedOff the value the key's partition thread read before it handed the call over,
     *                  or {@code null} when the call came another way
     */
    OwnerRoutedEntry(IMap<Object, V> map, SerializationService serialization, Object key, KeyLocks locks,
                     long deadlineNanos, CallHandler.HandedOff handedOff) {
        super(key);
        this.map = map;
        this.serialization = serialization;
        this.locks = locks;
        this.id = new KeyLocks.KeyId(map.getName(), key);
        this.deadlineNanos = deadlineNanos;
        this.handedOff = handedOff;
    }

    @Override
    void acquire() {
        if (held != null) {
            return;
        }
        try {
            held = locks.acquire(id, deadlineNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyWaitException("interrupted while waiting for key " + key() + " of map " + map.getName());
        }
        if (held == null) {
            throw new KeyWaitException("the call's deadline passed while another call on key " + key() + " of map "
                    + map.getName() + " ran");
        }
        known = held.known();
    }

    /**
     * The value, from where it is known current without a trip to the partition thread if it can
     * be ({@link KeyLocks} says when), else read with {@code get}.
     */
    @Override
    @SuppressWarnings("unchecked")
    V load() {
        acquire();
        read = true;
        if (known.known()) {
            original = known.value();
            return (V) serialization.toObject(original);
        }
        if (handedOff != null && locks.unwrittenSince(id, handedOff.readNoEarlierThan())) {
            original = handedOff.value();
            return (V) serialization.toObject(original);
        }
        V value = map.get(key());
        original = serialization.toData(value);
        return value;
    }

    /**
     * Queues the write on the key's partition, gives the key to the next call, then waits for the
     * write and its backups.
     *
     * <p>Why the key goes before the write is confirmed: a call holds the key to read and write
     * it in order, and the order is kept by the partition once the write is queued there (this
     * member's writes to one partition run one after another, in the order they were queued). The
     * next call starts from the value this one wrote and queues its own write behind it, while
     * this one waits for its backups; calls on a busy key overlap their confirmations instead of
     * queueing behind them, as operations on one partition do. Should this write not apply
     * after all, the next one, which compares against its value, does not apply either, and its
     * caller sends it again: nothing is lost. A call is answered only once its own write and
     * backups are confirmed, and a write includes every earlier one on the key.
     */
    @Override
    void store(V newValue) {
        // Serialized here, once, so that the lock can hand the written value to the next call.
        Data next = serialization.toData(newValue);
        KeyWrite write;
        if (!read) {
            write = KeyWrite.blind(next);
        } else {
            write = KeyWrite.compareAndSet(original, next);
        }
        KeyLocks.Holder holder = held;
        InternalCompletableFuture<Object> written;
        locks.writing(id);
        try {
            written = submit(write);
        } catch (RuntimeException e) {
            locks.written(id);
            holder.forget();
            throw e;
        }
        holder.wrote(next, known.epoch());
        release();
        boolean applied;
        try {
            Object answer = written.joinInternal();
            applied = answer instanceof Data data ? (Boolean) serialization.toObject(data) : (Boolean) answer;
        } catch (RuntimeException e) {
            holder.forget();
            throw e;
        } finally {
            locks.written(id);
        }
        if (!applied) {
            holder.forget();
            throw new ChangedUnderneathException("key " + key() + " of map " + map.getName()
                    + " changed while the call ran; its write did not apply");
        }
    }

    /**
     * The write, queued on the key's partition before this returns (the grid's own future, not
     * the public one that completes through another thread).
     */
    @SuppressWarnings("unchecked")
    private InternalCompletableFuture<Object> submit(KeyWrite write) {
        // The routed entry lives on the key's owner, a member, whose maps are its own proxies.
        return (InternalCompletableFuture<Object>) (Object) ((MapProxyImpl<Object, V>) map)
                .executeOnKeyInternal(key(), write);
    }

    @Override
    void release() {
        if (held != null) {
            locks.release(id, held);
            held = null;
        }
    }


    /** The key changed between the read and the write: nothing was written. */
    static final class ChangedUnderneathException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChangedUnderneathException(String message) {
            super(message, null, false, false);
        }
    }

    /** The call could not have the key before its deadline. */
    static final class KeyWaitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyWaitException(String message) {
            super(message, null, false, false);
        }
    }
}
