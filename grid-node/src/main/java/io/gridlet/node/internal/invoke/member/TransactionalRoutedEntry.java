package io.gridlet.node.internal.invoke.member;

import com.hazelcast.transaction.TransactionalMap;

/**
 * The routed entry of a transactional call: read with {@code getForUpdate}, which holds the key
 * for the transaction, and written in the transaction, so the write commits together with the
 * call's idempotency record and the function's other transactional writes.
 */
final class TransactionalRoutedEntry<V> extends BufferedRoutedEntry<V> {

    private final TransactionalMap<Object, V> map;

    TransactionalRoutedEntry(TransactionalMap<Object, V> map, Object key) {
        super(key);
        this.map = map;
    }

    @Override
    void acquire() {
        get();
    }

    @Override
    V load() {
        return map.getForUpdate(key());
    }

    @Override
    void store(V newValue) {
        if (newValue == null) {
            map.delete(key());
        } else {
            map.set(key(), newValue);
        }
    }
}
