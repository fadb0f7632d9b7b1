package io.gridlet.node.internal.invoke.member;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.IMap;
import io.gridlet.node.internal.invoke.wire.CallHandler;

/**
 * The routed entry of a call running on its key's owner. Calls on the key run one after another
 * under this member's lock ({@link KeyLocks}), taken on first use. The value comes from what the
 * call already has where that is known current (the value the previous call on the key wrote, or
 * the one the key's partition thread read when it handed the call over), else from {@code get}.
 * It is written back with a compare-and-set ({@code replace}, {@code putIfAbsent} or
 * {@code remove} against the value read, kept in its serialized form, for a function may change
 * the object it read in place), each answered only once its synchronous backups confirm it. Were
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
        if (held.knowsValue()) {
            original = held.value();
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

    @Override
    void store(V newValue) {
        // Serialized here, once, so that the lock can hand the written value to the next call.
        Data next = serialization.toData(newValue);
        boolean applied = false;
        held.forget();
        try {
            if (!read) {
                if (next == null) {
                    map.delete(key());
                } else {
                    map.set(key(), asValue(next));
                }
                applied = true;
            } else if (original == null) {
                applied = next == null || map.putIfAbsent(key(), asValue(next)) == null;
            } else if (next == null) {
                applied = map.remove(key(), original);
            } else {
                applied = map.replace(key(), asValue(original), asValue(next));
            }
        } finally {
            locks.stamp(id);
        }
        if (!applied) {
            throw new ChangedUnderneathException("key " + key() + " of map " + map.getName()
                    + " changed while the call ran; its write did not apply");
        }
        held.wrote(next);
    }

    /** A serialized value, which Hazelcast stores or compares as it is, without serializing it again. */
    @SuppressWarnings("unchecked")
    private V asValue(Data data) {
        return (V) data;
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
