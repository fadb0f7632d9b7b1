package io.gridlet.api;

import java.util.Objects;

/** A trace that keeps nothing, and checks its arguments as a recording one does. */
final class NoTrace implements Trace {

    static final NoTrace NONE = new NoTrace(null);

    private final String traceId;

    NoTrace(String traceId) {
        this.traceId = traceId;
    }

    @Override
    public String traceId() {
        return traceId;
    }

    @Override
    public boolean isRecording() {
        return false;
    }

    @Override
    public Trace attribute(String key, String value) {
        Trace.checkKey(key);
        Objects.requireNonNull(value, "value");
        return this;
    }

    @Override
    public Trace attribute(String key, long value) {
        Trace.checkKey(key);
        return this;
    }

    @Override
    public Trace attribute(String key, double value) {
        Trace.checkKey(key);
        return this;
    }

    @Override
    public Trace attribute(String key, boolean value) {
        Trace.checkKey(key);
        return this;
    }

    @Override
    public Trace event(String name) {
        Trace.checkEvent(name);
        return this;
    }
}
