package io.gridlet.node.invoke;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.IMap;

/**
 * The routed entry of a call running on its key's owner. Calls on the key run one after another
 * under this member's lock ({@link KeyLocks}), taken on first use; the value is read with
 * {@code get} and written back with a compare-and-set ({@code replace}, {@code putIfAbsent} or
 * {@code remove} against the value read, kept in its serialized form, for a function may change
 * the object it read in place), each answered only once its synchronous backups confirm it. Were the key written meanwhile by anything else (a call on another member while the
 * partition migrated, a plain map write), the write does not apply and {@link #commit()} throws
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
    private KeyLocks.Holder held;
    private boolean read;
    private Data original;

    OwnerRoutedEntry(IMap<Object, V> map, SerializationService serialization, Object key, KeyLocks locks,
                     long deadlineNanos) {
        super(key);
        this.map = map;
        this.serialization = serialization;
        this.locks = locks;
        this.id = new KeyLocks.KeyId(map.getName(), key);
        this.deadlineNanos = deadlineNanos;
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

    @Override
    V load() {
        acquire();
        V value = map.get(key());
        original = serialization.toData(value);
        read = true;
        return value;
    }

    @Override
    void store(V newValue) {
        boolean applied;
        if (!read) {
            if (newValue == null) {
                map.delete(key());
            } else {
                map.set(key(), newValue);
            }
            applied = true;
        } else if (original == null) {
            applied = newValue == null || map.putIfAbsent(key(), newValue) == null;
        } else if (newValue == null) {
            applied = map.remove(key(), original);
        } else {
            applied = map.replace(key(), expected(), newValue);
        }
        if (!applied) {
            throw new ChangedUnderneathException("key " + key() + " of map " + map.getName()
                    + " changed while the call ran; its write did not apply");
        }
    }

    /** The value read, serialized: Hazelcast compares it as it is, without serializing it again. */
    @SuppressWarnings("unchecked")
    private V expected() {
        return (V) original;
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
