package io.gridlet.management.node;

import io.gridlet.management.config.GridletSettings;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The node's OpenTelemetry SDK, when {@code gridlet.tracing.otlp-endpoint} is set: spans batched and
 * sent by OTLP/HTTP, sampled at {@code gridlet.tracing.sampling-ratio} where the trace starts here
 * and as the caller decided where it does not. Off otherwise: no SDK, and calls are not traced.
 */
@Singleton
public class NodeTracing {

    private final OpenTelemetrySdk sdk;

    public NodeTracing(GridletSettings settings) {
        GridletSettings.Tracing tracing = settings.getTracing();
        String endpoint = tracing.getOtlpEndpoint();
        if (endpoint == null || endpoint.isBlank()) {
            this.sdk = null;
            return;
        }
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), "gridlet",
                        AttributeKey.stringKey("service.namespace"), settings.getClusterName()))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(tracing.getSamplingRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter(endpoint)).setScheduleDelay(1, TimeUnit.SECONDS)
                        .build())
                .build();
        this.sdk = OpenTelemetrySdk.builder().setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    }

    private static OtlpHttpSpanExporter exporter(String endpoint) {
        try {
            return OtlpHttpSpanExporter.builder().setEndpoint(endpoint.trim()).build();
        } catch (IllegalArgumentException e) {
            // Without the exporter's own error as cause: the start's message is the deepest one.
            throw new IllegalArgumentException("gridlet.tracing.otlp-endpoint must be an http or https URL, such as "
                    + "http://collector:4318/v1/traces: " + endpoint + " (" + e.getMessage() + ")");
        }
    }

    /** The SDK, or empty when tracing is off. */
    public Optional<OpenTelemetry> openTelemetry() {
        return Optional.ofNullable(sdk);
    }

    /** Sends what is batched, then stops. */
    @PreDestroy
    public void close() {
        if (sdk != null) {
            sdk.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
            sdk.close();
        }
    }
}
