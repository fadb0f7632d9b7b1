package io.gridlet.management.rest;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.context.ServerRequestContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The span of a REST request that sends a call: it continues the W3C {@code traceparent} the
 * request carried, or starts a trace, and the answer says which trace in its {@code traceparent}
 * and {@code Gridlet-Trace} headers. Off, it only runs the request. Thread-safe.
 */
final class RequestTracing {

    /** The request attribute holding the span context of a traced request, for {@link TraceHeaders}. */
    static final String TRACE = "gridlet.trace";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> FROM_HEADER = new TextMapGetter<>() {
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

    /** @param openTelemetry the node's SDK, or {@code null} when tracing is off */
    RequestTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry == null ? null : openTelemetry.getTracer("io.gridlet.management");
    }

    /**
     * Sends a request's call within its span: current while the call is sent, ended once the
     * answer (or the failure) is in.
     */
    CompletableFuture<MutableHttpResponse<?>> tracedAsync(String route, String function, String traceparent,
                                                         Supplier<CompletableFuture<MutableHttpResponse<?>>> request) {
        if (tracer == null) {
            return request.get();
        }
        Context parent = traceparent == null ? Context.root() : W3C.extract(Context.root(), traceparent, FROM_HEADER);
        Span span = tracer.spanBuilder(route).setSpanKind(SpanKind.SERVER).setParent(parent)
                .setAttribute(AttributeKey.stringKey("gridlet.function"), function).startSpan();
        // The answer names the trace whether the call succeeds or fails: TraceHeaders writes it on
        // the response, the error's problem answer included.
        ServerRequestContext.currentRequest().ifPresent(current -> current.setAttribute(TRACE, span.getSpanContext()));
        CompletableFuture<MutableHttpResponse<?>> answer;
        try (Scope scope = span.makeCurrent()) {
            answer = request.get();
        } catch (RuntimeException e) {
            failed(span, e);
            span.end();
            throw e;
        }
        return answer.whenComplete((response, error) -> {
            if (error != null) {
                failed(span, error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            } else {
                span.setAttribute(AttributeKey.longKey("http.response.status_code"), (long) response.code());
            }
            span.end();
        });
    }

    private static void failed(Span span, Throwable error) {
        span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
        span.recordException(error);
    }
}
