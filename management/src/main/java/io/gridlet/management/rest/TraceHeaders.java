package io.gridlet.management.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Names a traced invoke's trace on its answer, a failure's problem answer included: W3C
 * {@code traceparent} (the request's span) and {@code Gridlet-Trace} (the trace id), so that a
 * user holding an error finds its trace and its log lines.
 */
@ServerFilter("/api/v1/functions/*/invoke")
public class TraceHeaders {

    @ResponseFilter
    public void name(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(RequestTracing.TRACE, SpanContext.class).ifPresent(span -> response
                .header("traceparent", "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                        + span.getTraceFlags().asHex())
                .header("Gridlet-Trace", span.getTraceId()));
    }
}
