package io.gridlet.node.internal.invoke.member;

import io.gridlet.api.Trace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.Objects;

/** A function's view of its run's span: what it adds lands there. Thread-safe, as the span is. */
final class SpanTrace implements Trace {

    private final Span span;

    SpanTrace(Span span) {
        this.span = span;
    }

    @Override
    public String traceId() {
        return span.getSpanContext().getTraceId();
    }

    @Override
    public boolean isRecording() {
        return span.isRecording();
    }

    @Override
    public Trace attribute(String key, String value) {
        span.setAttribute(AttributeKey.stringKey(Trace.checkKey(key)), Objects.requireNonNull(value, "value"));
        return this;
    }

    @Override
    public Trace attribute(String key, long value) {
        span.setAttribute(AttributeKey.longKey(Trace.checkKey(key)), value);
        return this;
    }

    @Override
    public Trace attribute(String key, double value) {
        span.setAttribute(AttributeKey.doubleKey(Trace.checkKey(key)), value);
        return this;
    }

    @Override
    public Trace attribute(String key, boolean value) {
        span.setAttribute(AttributeKey.booleanKey(Trace.checkKey(key)), value);
        return this;
    }

    @Override
    public Trace event(String name) {
        span.addEvent(Trace.checkEvent(name));
        return this;
    }
}
