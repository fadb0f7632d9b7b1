package io.gridlet.node.internal.invoke.member;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import io.gridlet.api.RoutedEntry;

/**
 * A routed entry whose changes are kept until the function returns normally, then applied by
 * {@link #commit()}: a function that throws leaves the entry as it was. Used by one invocation's
 * thread only.
 */
abstract class BufferedRoutedEntry<V> implements RoutedEntry<V> {

    private final Object key;
    private boolean loaded;
    private boolean dirty;
    private V value;

    BufferedRoutedEntry(Object key) {
        this.key = key;
    }

    @Override
    public final Object key() {
        return key;
    }

    @Override
    public final V get() {
        if (!loaded) {
            value = load();
            loaded = true;
        }
        return value;
    }

    @Override
    public final void set(V newValue) {
        if (newValue == null) {
            remove();
            return;
        }
        checkStorable(newValue);
        acquire();
        value = newValue;
        loaded = true;
        dirty = true;
    }

    @Override
    public final void remove() {
        acquire();
        value = null;
        loaded = true;
        dirty = true;
    }

    /** Applies the change, if any. Called once, after the function returned normally. */
    final void commit() {
        if (dirty) {
            store(value);
        }
    }

    /** Releases whatever the entry holds. Called once, at the end of the invocation. */
    void release() {
    }

    /** Makes sure the key is held before a write; a no-op where it already is. */
    void acquire() {
    }

    abstract V load();

    abstract void store(V newValue);

    /**
     * Values cross to backups and other members, which do not have the function's classes: only
     * JDK types, JSON and generic records are stored.
     */
    static void checkStorable(Object value) {
        if (value.getClass().getClassLoader() == null || value instanceof HazelcastJsonValue
                || value instanceof GenericRecord) {
            return;
        }
        throw new IllegalArgumentException("a value of type " + value.getClass().getName()
                + " cannot be stored in the grid: other members do not have the function's classes; store JSON"
                + " (HazelcastJsonValue), strings, numbers, booleans, byte[] or a Compact GenericRecord");
    }
}
