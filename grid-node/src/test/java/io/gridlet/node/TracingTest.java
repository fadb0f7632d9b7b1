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
                {
                    functions.register("traced.echo", String.class, (input, ctx) -> {
                        ctx.logger().info("traced {}", input);
                        return input;
                    });
                    functions.register("traced.event", java.util.Map.class, (event, ctx) -> event.get("value"));
                    functions.register("traced.tick", java.util.Map.class, (firing, ctx) -> null);
                    functions.register("traced.annotate", String.class, (order, ctx) -> {
                        ctx.trace().attribute("order.id", order).attribute("order.total", 42L)
                                .attribute("order.vip", true).event("priced");
                        return ctx.trace().traceId();
                    });
                    functions.register("traced.count", String.class, (map, ctx) -> {
                        long count = 0;
                        for (var entry : ctx.localEntries(map)) {
                            count++;
                        }
                        return count;
                    });
                }));
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

    @Test
    void aFunctionAddsAttributesAndEventsToItsRunsSpanThroughItsContext() {
        SPANS.reset();
        String traceId = cluster.node(0).invoker().invokeOnKey("traced.annotate", "orders", "o-7", "o-7", String.class);
        SpanData run = only(awaitSpans(2), "run traced.annotate");
        assertThat(traceId).isEqualTo(run.getTraceId());
        assertThat(run.getAttributes().get(AttributeKey.stringKey("order.id"))).isEqualTo("o-7");
        assertThat(run.getAttributes().get(AttributeKey.longKey("order.total"))).isEqualTo(42L);
        assertThat(run.getAttributes().get(AttributeKey.booleanKey("order.vip"))).isTrue();
        assertThat(run.getEvents()).extracting(io.opentelemetry.sdk.trace.data.EventData::getName).contains("priced");
    }

    @Test
    void anAsynchronousCallsRecordCarriesItsTraceId() {
        Span request = SDK.getTracer("test").spanBuilder("request").startSpan();
        InvocationFuture<String> future;
        try (Scope scope = request.makeCurrent()) {
            future = cluster.node(1).invoker().callAsync(Invocation.of("traced.echo").input("later").build(),
                    String.class);
        } finally {
            request.end();
        }
        future.join();
        String traceId = request.getSpanContext().getTraceId();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            InvocationRecord record = cluster.node(2).invocations().get(future.invocationId());
            assertThat(record.state()).isEqualTo(InvocationRecord.State.SUCCEEDED);
            assertThat(record.traceId()).isEqualTo(traceId);
        });
    }

    @Test
    void aMapEventTriggersFunctionRunsInTheEventsTrace() {
        cluster.node(0).triggers().create(new MapEventTrigger("traced-events", "traced.event", "traced.in", null,
                "traced.out", null));
        try {
            SPANS.reset();
            cluster.node(1).hazelcast().getMap("traced.in").set("order-1", "placed");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "placed".equals(
                    cluster.node(2).hazelcast().getMap("traced.out").get("order-1")));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> SPANS.getFinishedSpanItems().stream()
                    .anyMatch(span -> span.getName().equals("event traced.in")));
            List<SpanData> spans = SPANS.getFinishedSpanItems();
            SpanData event = only(spans, "event traced.in");
            SpanData run = only(spans, "run traced.event");
            assertThat(event.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(event.getAttributes().get(AttributeKey.stringKey("gridlet.trigger"))).isEqualTo("traced-events");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("gridlet.event.type"))).isEqualTo("ADDED");
            assertThat(event.getAttributes().get(AttributeKey.longKey("gridlet.partition")))
                    .isEqualTo((long) cluster.node(0).hazelcast().getPartitionService().getPartition("order-1")
                            .getPartitionId());
            assertThat(run.getTraceId()).isEqualTo(event.getTraceId());
            assertThat(run.getParentSpanId()).isEqualTo(event.getSpanId());
        } finally {
            cluster.node(0).triggers().delete("traced-events");
        }
    }

    @Test
    void aSchedulesFiringIsTheRootOfItsCallsTrace() {
        cluster.node(0).triggers().create(ScheduleTrigger.every("traced-ticks", "traced.tick", 200));
        try {
            SPANS.reset();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> SPANS.getFinishedSpanItems().stream()
                    .anyMatch(span -> span.getName().equals("schedule traced-ticks")));
        } finally {
            cluster.node(0).triggers().delete("traced-ticks");
        }
        List<SpanData> spans = SPANS.getFinishedSpanItems();
        SpanData firing = spans.stream().filter(span -> span.getName().equals("schedule traced-ticks")).findFirst()
                .orElseThrow();
        assertThat(firing.getParentSpanContext().isValid()).isFalse();
        SpanData call = spans.stream().filter(span -> span.getName().equals("call traced.tick")
                && span.getParentSpanId().equals(firing.getSpanId())).findFirst().orElseThrow();
        assertThat(spans).anyMatch(span -> span.getName().equals("run traced.tick")
                && span.getParentSpanId().equals(call.getSpanId()) && span.getTraceId().equals(firing.getTraceId()));
    }

    @Test
    void aFanOutsMemberRunsAreChildrenOfOneSpan() {
        var counted = cluster.node(0).hazelcast().<Integer, Integer>getMap("traced.counted");
        for (int i = 0; i < 300; i++) {
            counted.set(i, i);
        }
        SPANS.reset();
        FanOutResult<Long> result = cluster.node(1).invoker().fanOut(FanOut.of("traced.count", "traced.counted")
                .withInput("traced.counted"), Long.class);
        assertThat(result.partials().stream().mapToLong(FanOutResult.Partial::output).sum()).isEqualTo(300);
        List<SpanData> spans = awaitSpans(4);
        SpanData fanOut = only(spans, "fan-out traced.count");
        assertThat(fanOut.getAttributes().get(AttributeKey.longKey("gridlet.members"))).isEqualTo(3L);
        List<SpanData> runs = spans.stream().filter(span -> span.getName().equals("run traced.count")).toList();
        assertThat(runs).hasSize(3).allMatch(run -> run.getParentSpanId().equals(fanOut.getSpanId())
                && run.getTraceId().equals(fanOut.getTraceId()));
        assertThat(runs.stream().map(run -> run.getAttributes().get(AttributeKey.stringKey("gridlet.member")))
                .distinct()).hasSize(3);
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
