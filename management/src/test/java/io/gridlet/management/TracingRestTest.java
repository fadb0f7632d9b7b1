package io.gridlet.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import io.gridlet.node.GridNode;
import io.gridlet.node.LogLine;
import io.gridlet.node.LogQuery;
import io.gridlet.node.TestCluster;
import io.gridlet.node.TestJars;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three nodes export their spans by OTLP/HTTP, with the real exporter, to a receiver in the test:
 * a REST call that carries a {@code traceparent} gives one trace, request span, call span and the
 * member's run span, each the child of the one before, and the call's log line carries its trace id.
 */
class TracingRestTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final List<Span> RECEIVED = new CopyOnWriteArrayList<>();
    private static final List<Throwable> UNREADABLE = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static TestNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", TestCluster.freePorts(1).get(0)), 0);
        receiver.createContext("/v1/traces", exchange -> {
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody());
            } catch (RuntimeException | java.io.IOException e) {
                UNREADABLE.add(e);
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            for (ResourceSpans resource : request.getResourceSpansList()) {
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    RECEIVED.addAll(scope.getSpansList());
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        nodes = TestNodes.start(3, Map.of("gridlet.tracing.otlp-endpoint",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/traces"));
        GridNode first = nodes.bean(0, GridNode.class);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                first.hazelcast().getCluster().getMembers().size() == 3
                        && first.hazelcast().getPartitionService().isClusterSafe());
        byte[] jar = TestJars.jar("t.Echo", "traced.echo", "String", "String",
                "ctx.logger().info(\"traced {}\", input); return input;");
        assertThat(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN, "application/java-archive",
                jar).statusCode()).isEqualTo(201);
        byte[] fails = TestJars.jar("t.Fails", "traced.fails", "String", "String",
                "ctx.logger().info(\"charging {}\", input); throw new IllegalStateException(\"card declined for \" + input);");
        assertThat(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN, "application/java-archive",
                fails).statusCode()).isEqualTo(201);
    }

    /**
     * What a user sees of one failing call: the problem answer names its trace; the trace holds the
     * request's, the call's and the run's spans, the run's marked failed; the call's log lines,
     * its error with the function's own frame among them, carry the trace id; the failure is counted.
     */
    @Test
    void aFailingCallsAnswerNamesItsTraceWhichHoldsItsSpansLogLinesAndError() throws Exception {
        HttpResponse<String> answer = nodes.json(2, "POST", "/api/v1/functions/traced.fails/invoke?map=orders&key=o-9",
                TestNodes.ADMIN, "\"o-9\"");
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("card declined for o-9");
        String traceId = answer.headers().firstValue("Gridlet-Trace").orElseThrow();
        assertThat(answer.headers().firstValue("traceparent").orElseThrow()).startsWith("00-" + traceId + "-");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> spans(traceId, "run traced.fails").size() == 1
                && spans(traceId, "call traced.fails").size() == 1
                && spans(traceId, "POST /api/v1/functions/{name}/invoke").size() == 1);
        Span run = spans(traceId, "run traced.fails").get(0);
        assertThat(run.getStatus().getCode()).isEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(run.getAttributesList()).anySatisfy(attribute -> {
            assertThat(attribute.getKey()).isEqualTo("gridlet.outcome");
            assertThat(attribute.getValue().getStringValue()).isEqualTo("failed");
        });

        List<LogLine> lines = nodes.bean(0, GridNode.class).logs().read(LogQuery.of("traced.fails")).lines().stream()
                .filter(line -> traceId.equals(line.traceId())).toList();
        assertThat(lines).extracting(LogLine::message).anySatisfy(message -> assertThat(message).isEqualTo("charging o-9"))
                .anySatisfy(message -> assertThat(message).contains("IllegalStateException: card declined for o-9")
                        .contains("t.Fails.apply"));

        String metrics = nodes.get(0, "/prometheus", TestNodes.ADMIN).body()
                + nodes.get(1, "/prometheus", TestNodes.ADMIN).body() + nodes.get(2, "/prometheus", TestNodes.ADMIN).body();
        assertThat(metrics).containsPattern(
                "gridlet_function_invocations_total\\{[^}]*function=\"traced.fails\"[^}]*outcome=\"failed\"[^}]*} 1\\.0");
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aRestCallsTraceContinuesTheCallersAndCrossesToTheMemberThatRanIt() {
        String parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        for (int i = 0; i < 3; i++) {
            String key = "k-" + i;
            HttpResponse<String> answer = nodes.send(i, "POST", "/api/v1/functions/traced.echo/invoke?map=traced&key="
                    + key, TestNodes.ADMIN, "application/json", ("\"" + key + "\"").getBytes(), Map.of("traceparent", parent));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Gridlet-Trace")).hasValue(traceId);
            assertThat(answer.headers().firstValue("traceparent").orElseThrow()).startsWith("00-" + traceId + "-");
        }
        // Sent in batches, every second, by each node's exporter.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> spans(traceId, "run traced.echo").size() == 3
                && spans(traceId, "call traced.echo").size() == 3
                && spans(traceId, "POST /api/v1/functions/{name}/invoke").size() == 3);
        List<Span> requests = spans(traceId, "POST /api/v1/functions/{name}/invoke");
        List<Span> calls = spans(traceId, "call traced.echo");
        List<Span> runs = spans(traceId, "run traced.echo");
        assertThat(requests).hasSize(3).allSatisfy(request -> {
            assertThat(hex(request.getParentSpanId())).isEqualTo(callerSpan);
            assertThat(request.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        });
        assertThat(calls).hasSize(3).allSatisfy(call -> assertThat(requests).extracting(span -> hex(span.getSpanId()))
                .contains(hex(call.getParentSpanId())));
        assertThat(runs).allSatisfy(run -> assertThat(calls).extracting(span -> hex(span.getSpanId()))
                .contains(hex(run.getParentSpanId())));
        assertThat(runs).allSatisfy(run -> assertThat(run.getAttributesList()).anySatisfy(attribute -> {
            assertThat(attribute.getKey()).isEqualTo("gridlet.member");
            assertThat(attribute.getValue().getStringValue()).isNotBlank();
        }));
        assertThat(UNREADABLE).as("requests the receiver could not read as OTLP").isEmpty();
        List<LogLine> lines = nodes.bean(1, GridNode.class).logs().read(LogQuery.of("traced.echo")).lines();
        assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line.traceId()).isEqualTo(traceId));
    }

    private static List<Span> spans(String traceId, String name) {
        return RECEIVED.stream().filter(span -> hex(span.getTraceId()).equals(traceId) && span.getName().equals(name))
                .toList();
    }

    private static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }
}
