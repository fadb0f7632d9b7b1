package io.gridlet.benchmarks.harness;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tracing for a run with {@code --tracing=RATIO}: every JVM of the run (members, the driver's
 * client, the REST node) exports its spans by OTLP/HTTP, batched as a node does, to a receiver in
 * the driver that reads and counts each export and answers 200. So the measured cost is the
 * whole of it: spans made, batched, encoded and sent.
 */
final class BenchTracing implements AutoCloseable {

    /** The system property that hands a member JVM the receiver's URL. */
    static final String ENDPOINT_PROPERTY = "gridlet.bench.otlp-endpoint";
    /** The system property that hands a member JVM the sampling ratio. */
    static final String RATIO_PROPERTY = "gridlet.bench.sampling-ratio";

    private final HttpServer server;
    private final AtomicLong exports = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final double ratio;

    private BenchTracing(HttpServer server, double ratio) {
        this.server = server;
        this.ratio = ratio;
    }

    /** Starts the receiver on a free loopback port. */
    static BenchTracing start(double ratio) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        BenchTracing tracing = new BenchTracing(server, ratio);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                tracing.bytes.addAndGet(body.transferTo(java.io.OutputStream.nullOutputStream()));
            }
            tracing.exports.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "otlp-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return tracing;
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    double ratio() {
        return ratio;
    }

    long exports() {
        return exports.get();
    }

    long bytes() {
        return bytes.get();
    }

    /** An SDK exporting to {@code endpoint} as a node does: parent-based ratio sampling, batched every second. */
    static OpenTelemetrySdk sdk(String endpoint, double ratio) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio)))
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build())
                        .setScheduleDelay(1, TimeUnit.SECONDS).build())
                .build();
        return OpenTelemetrySdk.builder().setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    }

    /** The SDK a member JVM was told to use by its system properties, or {@code null}. */
    static OpenTelemetrySdk fromSystemProperties() {
        String endpoint = System.getProperty(ENDPOINT_PROPERTY);
        return endpoint == null ? null : sdk(endpoint, Double.parseDouble(System.getProperty(RATIO_PROPERTY, "1.0")));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
