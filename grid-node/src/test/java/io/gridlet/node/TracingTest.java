package io.gridlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A call's trace crosses from its caller to the member that runs it, and its log lines carry the trace id. */
class TracingTest {

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static final OpenTelemetrySdk SDK = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
            .build();
    private static TestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(3, builder -> builder.openTelemetry(SDK).functions(functions ->
                functions.register("traced.echo", String.class, (input, ctx) -> {
                    ctx.logger().info("traced {}", input);
                    return input;
                })));
    }

    @AfterAll
    static void stop() {
        cluster.close();
        SDK.close();
    }

    @Test
    void theMembersRunIsAChildOfTheCallersCallWhichIsAChildOfTheCallersContext() {
        Tracer tracer = SDK.getTracer("test");
        String traceId;
        for (int i = 0; i < 6; i++) {
            SPANS.reset();
            Span request = tracer.spanBuilder("request").startSpan();
            try (Scope scope = request.makeCurrent()) {
                cluster.node(0).invoker().invokeOnKey("traced.echo", "traced", "k-" + i, "k-" + i, String.class);
            } finally {
                request.end();
            }
            traceId = request.getSpanContext().getTraceId();
            List<SpanData> spans = awaitSpans(3);
            SpanData call = only(spans, "call traced.echo");
            SpanData run = only(spans, "run traced.echo");
            assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(run.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(call.getTraceId()).isEqualTo(traceId);
            assertThat(run.getTraceId()).isEqualTo(traceId);
            assertThat(call.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
            assertThat(run.getParentSpanId()).isEqualTo(call.getSpanId());
            String owner = cluster.node(0).hazelcast().getPartitionService().getPartition("k-" + i).getOwner()
                    .getUuid().toString();
            assertThat(run.getAttributes().get(AttributeKey.stringKey("gridlet.member"))).isEqualTo(owner);
            assertThat(run.getAttributes().get(AttributeKey.stringKey("gridlet.version"))).isEqualTo("1");
            assertThat(run.getAttributes().get(AttributeKey.stringKey("gridlet.outcome"))).isEqualTo("ok");
            assertThat(run.getAttributes().get(AttributeKey.longKey("gridlet.partition")))
                    .isEqualTo((long) cluster.node(0).hazelcast().getPartitionService().getPartition("k-" + i)
                            .getPartitionId());
            assertThat(call.getAttributes().get(AttributeKey.stringKey("gridlet.map"))).isEqualTo("traced");

            String key = "k-" + i;
            LogLine line = cluster.node(1).logs().read(LogQuery.of("traced.echo")).lines().stream()
                    .filter(kept -> kept.message().equals("traced " + key)).findFirst().orElseThrow();
            assertThat(line.traceId()).isEqualTo(traceId);
        }
    }

    @Test
    void aCallWithNoCurrentContextStartsATraceOfItsOwn() {
        SPANS.reset();
        cluster.node(2).invoker().invoke(Invocation.of("traced.echo").input("alone").build(), String.class);
        List<SpanData> spans = awaitSpans(2);
        SpanData call = only(spans, "call traced.echo");
        assertThat(call.getParentSpanContext().isValid()).isFalse();
        assertThat(only(spans, "run traced.echo").getParentSpanId()).isEqualTo(call.getSpanId());
    }

    private static List<SpanData> awaitSpans(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> SPANS.getFinishedSpanItems().size() >= count);
        return SPANS.getFinishedSpanItems();
    }

    private static SpanData only(List<SpanData> spans, String name) {
        List<SpanData> named = spans.stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.get(0);
    }
}
