package io.gridlet.node.internal.invoke;

import io.gridlet.node.internal.invoke.wire.InvocationRequest;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;

/**
 * Traces calls with OpenTelemetry, when the node was given an SDK: the caller's span around a
 * call, its context carried to the member in the request as a W3C {@code traceparent}, and the
 * member's span around the function's run, a child of the caller's. Without an SDK it is off:
 * {@link #enabled()} is false, nothing is allocated per call and no request carries a context.
 * Thread-safe.
 */
public final class CallTracing {

    /** The function called. */
    public static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("gridlet.function");
    /** The version that ran. */
    public static final AttributeKey<String> VERSION = AttributeKey.stringKey("gridlet.version");
    /** The member that ran it. */
    public static final AttributeKey<String> MEMBER = AttributeKey.stringKey("gridlet.member");
    /** The map a call was routed by, if any. */
    public static final AttributeKey<String> MAP = AttributeKey.stringKey("gridlet.map");
    /** The routed key's partition, if any. */
    public static final AttributeKey<Long> PARTITION = AttributeKey.longKey("gridlet.partition");
    /** How the call ended on the member: the outcome tag of the invocation counter. */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("gridlet.outcome");
    /** The try: 1 first, more after a member left. */
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("gridlet.attempt");
    /** The trigger that fired. */
    public static final AttributeKey<String> TRIGGER = AttributeKey.stringKey("gridlet.trigger");
    /** A map event's kind: added, updated, removed. */
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("gridlet.event.type");
    /** A map event's place in its partition's event journal. */
    public static final AttributeKey<Long> SEQUENCE = AttributeKey.longKey("gridlet.event.sequence");
    /** How many members a fan-out asked. */
    public static final AttributeKey<Long> MEMBERS = AttributeKey.longKey("gridlet.members");

    private static final CallTracing OFF = new CallTracing(null);
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapSetter<InvocationRequest> INTO_REQUEST = (request, key, value) -> {
        if (request != null && "traceparent".equals(key)) {
            request.traceParent(value);
        }
    };
    /** Reads a context from a bare {@code traceparent}; {@code keys} is abstract, though deprecated. */
    private static final TextMapGetter<String> FROM_TRACEPARENT = new TextMapGetter<>() {
        @Override
        @SuppressWarnings("deprecation")
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    private CallTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Tracing through this SDK, or off for {@code null}. */
    public static CallTracing of(OpenTelemetry openTelemetry) {
        return openTelemetry == null ? OFF : new CallTracing(openTelemetry.getTracer("io.gridlet"));
    }

    public boolean enabled() {
        return tracer != null;
    }

    /**
     * Starts the caller's span of a call, a child of the caller's current context, and puts its
     * context into the request.
     *
     * @return the span, or {@code null} when tracing is off
     */
    public Span startCall(InvocationRequest request) {
        if (tracer == null) {
            return null;
        }
        Span span = tracer.spanBuilder("call " + request.function()).setSpanKind(SpanKind.CLIENT)
                .setParent(Context.current()).setAttribute(FUNCTION, request.function()).startSpan();
        if (request.map() != null) {
            span.setAttribute(MAP, request.map());
        }
        W3C.inject(Context.current().with(span), request, INTO_REQUEST);
        return span;
    }

    /**
     * Starts the span of a fan-out, a child of the caller's current context, and puts its context
     * into the request every member's share is copied from: each member's run is its child.
     *
     * @return the span, or {@code null} when tracing is off
     */
    public Span startFanOut(InvocationRequest template) {
        if (tracer == null) {
            return null;
        }
        Span span = tracer.spanBuilder("fan-out " + template.function()).setSpanKind(SpanKind.CLIENT)
                .setParent(Context.current()).setAttribute(FUNCTION, template.function()).startSpan();
        W3C.inject(Context.current().with(span), template, INTO_REQUEST);
        return span;
    }

    /**
     * Starts the span of a map event a trigger handles: the root of the event's trace, since the
     * event journal carries no context from the write that made it. The function's run is its
     * child through {@link #traceParent(Span)}.
     *
     * @return the span, or {@code null} when tracing is off
     */
    public Span startEvent(String trigger, String map, String type, int partition, long sequence) {
        if (tracer == null) {
            return null;
        }
        return tracer.spanBuilder("event " + map).setSpanKind(SpanKind.CONSUMER).setNoParent()
                .setAttribute(TRIGGER, trigger).setAttribute(MAP, map).setAttribute(EVENT_TYPE, type)
                .setAttribute(PARTITION, (long) partition).setAttribute(SEQUENCE, sequence).startSpan();
    }

    /**
     * Starts the span of a schedule's firing or a topic's message ({@code name}), the root of its
     * trace; the caller makes it current around the call it makes, which becomes its child.
     *
     * @return the span, or {@code null} when tracing is off
     */
    public Span startFiring(String name, String trigger) {
        if (tracer == null) {
            return null;
        }
        return tracer.spanBuilder(name).setSpanKind(SpanKind.CONSUMER).setNoParent()
                .setAttribute(TRIGGER, trigger).startSpan();
    }

    /** A span's context as a W3C {@code traceparent}, or {@code null} for {@code null}. */
    public static String traceParent(Span span) {
        if (span == null) {
            return null;
        }
        String[] holder = new String[1];
        W3C.inject(Context.root().with(span), holder, (carrier, key, value) -> {
            if (carrier != null && "traceparent".equals(key)) {
                carrier[0] = value;
            }
        });
        return holder[0];
    }

    /**
     * Starts the member's span of a call that carries a context, its caller's span as parent.
     *
     * @return the span, or {@code null} when tracing is off or the call carries no context
     */
    public Span startRun(InvocationRequest request, String version, java.util.UUID member) {
        if (tracer == null || request.traceParent() == null) {
            return null;
        }
        Context parent = W3C.extract(Context.root(), request.traceParent(), FROM_TRACEPARENT);
        return tracer.spanBuilder("run " + request.function()).setSpanKind(SpanKind.SERVER).setParent(parent)
                .setAttribute(FUNCTION, request.function()).setAttribute(VERSION, version)
                .setAttribute(MEMBER, member.toString()).setAttribute(ATTEMPT, (long) request.attempt()).startSpan();
    }

    /** Ends a span with its outcome; nothing for {@code null}. */
    public static void end(Span span, String outcome, boolean failed) {
        if (span == null) {
            return;
        }
        span.setAttribute(OUTCOME, outcome);
        if (failed) {
            span.setStatus(StatusCode.ERROR, outcome);
        }
        span.end();
    }

    /**
     * The trace id a W3C {@code traceparent} names ({@code 00-<trace id>-<span id>-<flags>}), or
     * {@code null}: what a call's log lines carry, whether or not this member traces.
     */
    public static String traceId(String traceParent) {
        return traceParent == null || traceParent.length() < 35 ? null : traceParent.substring(3, 35);
    }
}
