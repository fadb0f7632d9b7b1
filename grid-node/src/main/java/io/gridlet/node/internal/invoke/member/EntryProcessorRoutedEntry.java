package io.gridlet.node.internal.invoke.member;

import java.util.Map;

/**
 * The routed entry of a call carried by {@link InvokeEntryProcessor}: the key is already locked by
 * the partition, and the change is handed back to it through the processor's entry.
 */
final class EntryProcessorRoutedEntry<V> extends BufferedRoutedEntry<V> {

    private final Map.Entry<Object, Object> entry;

    EntryProcessorRoutedEntry(Map.Entry<Object, Object> entry) {
        super(entry.getKey());
        this.entry = entry;
    }

    @Override
    @SuppressWarnings("unchecked")
    V load() {
        return (V) entry.getValue();
    }

    @Override
    void store(V newValue) {
        entry.setValue(newValue);
    }
}
