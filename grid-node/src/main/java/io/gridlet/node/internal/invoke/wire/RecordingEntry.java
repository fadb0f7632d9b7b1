package io.gridlet.node.internal.invoke.wire;

import java.util.Map;

/** The processor's entry, noting what was written to it. Used by one thread. */
final class RecordingEntry implements Map.Entry<Object, Object> {
    private final Map.Entry<Object, Object> entry;
    boolean written;
    Object value;

    RecordingEntry(Map.Entry<Object, Object> entry) {
        this.entry = entry;
    }

    @Override
    public Object getKey() {
        return entry.getKey();
    }

    @Override
    public Object getValue() {
        return entry.getValue();
    }

    @Override
    public Object setValue(Object newValue) {
        written = true;
        value = newValue;
        return entry.setValue(newValue);
    }
}
