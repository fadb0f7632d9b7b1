package io.gridlet.node.invoke;

import com.hazelcast.map.IMap;

/**
 * The routed entry of a call carried by {@link InvokeTask}: the key is locked with
 * {@link IMap#lock} on first use, read with {@code get}, written with {@code set} or
 * {@code delete}, and unlocked at the end. All on the key's owner, so none of it crosses the
 * network, but each step is an operation of its own.
 */
final class LockingRoutedEntry<V> extends BufferedRoutedEntry<V> {

    private final IMap<Object, V> map;
    private boolean locked;

    LockingRoutedEntry(IMap<Object, V> map, Object key) {
        super(key);
        this.map = map;
    }

    @Override
    void acquire() {
        if (!locked) {
            map.lock(key());
            locked = true;
        }
    }

    @Override
    V load() {
        acquire();
        return map.get(key());
    }

    @Override
    void store(V newValue) {
        if (newValue == null) {
            map.delete(key());
        } else {
            map.set(key(), newValue);
        }
    }

    @Override
    void release() {
        if (locked) {
            locked = false;
            map.unlock(key());
        }
    }
}
