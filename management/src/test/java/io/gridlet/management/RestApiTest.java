package io.gridlet.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridlet.node.TestJars;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint of the API on a real node: success, and each error status with a problem body. */
class RestApiTest {

    static final String JAR = "application/java-archive";
    static final ObjectMapper JSON = new ObjectMapper();
    static TestNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TestNodes.start(1, Map.of("gridlet.api.max-json-bytes", 4096));
        byte[] functions = TestJars.builder()
                .function("t.Echo", "echo", "Object", "Object", "return input;")
                .function("t.Boom", "boom", "Object", "Object", "throw new IllegalStateException(\"no stock\");")
                .source("t.Slow", """
                        package t;
                        @io.gridlet.api.Function(name = "slow", timeoutMillis = 200)
                        public class Slow implements io.gridlet.api.GridFunction<Object, Object> {
                            public Object apply(Object in, io.gridlet.api.FunctionContext ctx) throws Exception {
                                // Blocks until the 200 ms deadline interrupts it.
                                new java.util.concurrent.CountDownLatch(1).await(5, java.util.concurrent.TimeUnit.SECONDS);
                                return null;
                            }
                        }""").service("t.Slow")
                .source("t.Single", """
                        package t;
                        @io.gridlet.api.Function(name = "single", maxConcurrency = 1)
                        public class Single implements io.gridlet.api.GridFunction<Object, Object> {
                            public Object apply(Object in, io.gridlet.api.FunctionContext ctx) throws Exception {
                                var gate = ctx.hazelcast().getMap("gate");
                                gate.set("inside", true);
                                while (!gate.containsKey("go")) { Thread.sleep(5); }
                                return "done";
                            }
                        }""").service("t.Single")
                .source("t.Sum", """
                        package t;
                        @io.gridlet.api.Function(name = "sum")
                        public class Sum implements io.gridlet.api.GridFunction<String, Long> {
                            public Long apply(String map, io.gridlet.api.FunctionContext ctx) {
                                long sum = 0;
                                for (java.util.Map.Entry<String, Long> e : ctx.<String, Long>localEntries(map)) {
                                    sum += e.getValue();
                                }
                                return sum;
                            }
                        }""").service("t.Sum")
                .implementationVersion("1")
                .build();
        HttpResponse<String> deployed = nodes.send(0, "POST", "/api/v1/functions", TestNodes.ADMIN, JAR, functions);
        assertThat(deployed.statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    static JsonNode body(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** A problem body: the four fields, and never a stack trace or a Java class name. */
    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = body(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("stackTrace", "Exception", "java.", "io.gridlet.", "\tat ");
    }

    @Test
    void tokensDecideWhoMayDoWhat() {
        assertProblem(nodes.get(0, "/api/v1/cluster", null), 401);
        assertProblem(nodes.get(0, "/api/v1/cluster", "wrong"), 401);
        assertThat(nodes.get(0, "/api/v1/cluster", TestNodes.VIEWER).statusCode()).isEqualTo(200);
        assertProblem(nodes.json(0, "PUT", "/api/v1/maps/m/entries/k", TestNodes.VIEWER, "1"), 403);
        assertProblem(nodes.send(0, "POST", "/api/v1/functions", TestNodes.VIEWER, JAR, new byte[] {1}), 403);
        assertThat(nodes.get(0, "/health", null).statusCode()).isEqualTo(200);
        assertThat(nodes.get(0, "/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(nodes.get(0, "/health/readiness", null).statusCode()).isEqualTo(200);
        assertProblem(nodes.get(0, "/prometheus", null), 401);
    }

    @Test
    void clusterAndPartitions() {
        JsonNode cluster = body(nodes.get(0, "/api/v1/cluster", TestNodes.VIEWER));
        assertThat(cluster.get("members")).hasSize(1);
        assertThat(cluster.get("members").get(0).get("local").asBoolean()).isTrue();
        assertThat(cluster.get("partitionCount").asInt()).isEqualTo(271);
        assertThat(cluster.get("safe").asBoolean()).isTrue();
        JsonNode partitions = body(nodes.get(0, "/api/v1/cluster/partitions", TestNodes.VIEWER));
        assertThat(partitions.get(0).get("partitions").asInt()).isEqualTo(271);
    }

    @Test
    void mapEntriesRoundTripAsTheContractSays() {
        for (String value : List.of("42", "4.5", "\"text\"", "true", "{\"a\":[1,2]}", "[1,\"x\"]")) {
            assertThat(nodes.json(0, "PUT", "/api/v1/maps/kinds/entries/k", TestNodes.ADMIN, value).statusCode())
                    .isEqualTo(204);
            HttpResponse<String> read = nodes.get(0, "/api/v1/maps/kinds/entries/k", TestNodes.VIEWER);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(body(read)).isEqualTo(body(new Fake(value)));
        }
        Object stored = nodes.bean(0, io.gridlet.node.GridNode.class).hazelcast().getMap("kinds").get("k");
        assertThat(stored).isInstanceOf(com.hazelcast.core.HazelcastJsonValue.class);
        nodes.json(0, "PUT", "/api/v1/maps/kinds/entries/n", TestNodes.ADMIN, "42");
        assertThat(nodes.bean(0, io.gridlet.node.GridNode.class).hazelcast().getMap("kinds").get("n")).isEqualTo(42L);

        assertThat(nodes.json(0, "POST", "/api/v1/maps/bulk/entries", TestNodes.ADMIN, "{\"a\":1,\"b\":2}")
                .statusCode()).isEqualTo(204);
        JsonNode maps = body(nodes.get(0, "/api/v1/maps", TestNodes.VIEWER));
        assertThat(maps.findValues("name").stream().map(JsonNode::asText)).contains("bulk", "kinds");
        assertThat(nodes.send(0, "DELETE", "/api/v1/maps/bulk/entries/a", TestNodes.ADMIN, null, null).statusCode())
                .isEqualTo(204);
        assertProblem(nodes.send(0, "DELETE", "/api/v1/maps/bulk/entries/a", TestNodes.ADMIN, null, null), 404);
        assertProblem(nodes.get(0, "/api/v1/maps/bulk/entries/missing", TestNodes.VIEWER), 404);

        nodes.json(0, "POST", "/api/v1/maps/listed/entries", TestNodes.ADMIN, "{\"c\":3,\"a\":1,\"b\":2}");
        JsonNode keys = body(nodes.get(0, "/api/v1/maps/listed/keys?limit=2", TestNodes.VIEWER));
        assertThat(keys.get("size").asInt()).isEqualTo(3);
        assertThat(keys.get("keys").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(keys.get("truncated").asBoolean()).isTrue();
        assertThat(body(nodes.get(0, "/api/v1/maps/listed/keys", TestNodes.VIEWER)).get("truncated").asBoolean()).isFalse();
        assertProblem(nodes.get(0, "/api/v1/maps/listed/keys?limit=0", TestNodes.VIEWER), 400);
        assertProblem(nodes.get(0, "/api/v1/maps/listed/keys?limit=1001", TestNodes.VIEWER), 400);
        // Keys a function wrote with Java types that do not compare with each other: a clear 400.
        nodes.bean(0, io.gridlet.node.GridNode.class).hazelcast().getMap("mixed").put(1, "one");
        nodes.bean(0, io.gridlet.node.GridNode.class).hazelcast().getMap("mixed").put("two", "two");
        HttpResponse<String> mixed = nodes.get(0, "/api/v1/maps/mixed/keys", TestNodes.VIEWER);
        assertProblem(mixed, 400);
        assertThat(mixed.body()).contains("not all of one comparable type");
    }

    /** Wraps a literal JSON text as a response, to compare trees. */
    record Fake(String body) implements HttpResponse<String> {
        public int statusCode() { return 200; }
        public java.net.http.HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return null; }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public java.net.URI uri() { return null; }
        public java.net.http.HttpClient.Version version() { return null; }
    }

    @Test
    void deployListActivateUndeploy() {
        byte[] v1 = TestJars.jar("d.Hi", "hi", "Object", "String", "return \"v1\";");
        byte[] v2 = TestJars.jar("d.Hi", "hi", "Object", "String", "return \"v2\";");
        JsonNode first = body(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN, JAR, v1));
        assertThat(first.get("functions").get(0).asText()).isEqualTo("hi");
        assertThat(first.get("sha256").asText()).hasSize(64);
        assertThat(body(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN, JAR, v1))
                .get("unchanged").asBoolean()).isTrue();
        assertProblem(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN, JAR, v2), 409);
        assertThat(nodes.send(0, "POST", "/api/v1/functions?version=2", TestNodes.ADMIN, JAR, v2).statusCode())
                .isEqualTo(201);
        assertProblem(nodes.send(0, "POST", "/api/v1/functions", TestNodes.ADMIN, JAR, "not a jar".getBytes()), 400);

        assertThat(body(nodes.json(0, "POST", "/api/v1/functions/hi/invoke", TestNodes.ADMIN, null)).asText())
                .isEqualTo("v2");
        JsonNode rolledBack = body(nodes.json(0, "POST", "/api/v1/functions/hi/activate", TestNodes.ADMIN,
                "{\"version\":\"1\",\"canary\":{\"version\":\"2\",\"percent\":10}}"));
        assertThat(rolledBack.get("live").asText()).isEqualTo("1");
        assertThat(rolledBack.get("canaryPercent").asInt()).isEqualTo(10);
        assertProblem(nodes.json(0, "POST", "/api/v1/functions/hi/activate", TestNodes.ADMIN,
                "{\"version\":\"9\"}"), 404);
        JsonNode list = body(nodes.get(0, "/api/v1/functions", TestNodes.VIEWER));
        assertThat(list.findValues("name").stream().map(JsonNode::asText)).contains("hi", "echo");
        JsonNode one = body(nodes.get(0, "/api/v1/functions/hi", TestNodes.VIEWER));
        assertThat(one.get("versions")).hasSize(2);
        assertThat(one.get("counters").fieldNames()).toIterable().isNotEmpty();

        assertProblem(nodes.send(0, "DELETE", "/api/v1/functions/hi?version=1", TestNodes.ADMIN, null, null), 409);
        assertThat(nodes.send(0, "DELETE", "/api/v1/functions/hi?version=2", TestNodes.ADMIN, null, null)
                .statusCode()).isEqualTo(204);
        assertThat(nodes.send(0, "DELETE", "/api/v1/functions/hi", TestNodes.ADMIN, null, null).statusCode())
                .isEqualTo(204);
        assertProblem(nodes.get(0, "/api/v1/functions/hi", TestNodes.VIEWER), 404);
    }

    @Test
    void invokeSyncAsyncAndEachFailureStatus() {
        HttpResponse<String> echoed = nodes.json(0, "POST", "/api/v1/functions/echo/invoke?map=orders&key=o-1",
                TestNodes.ADMIN, "{\"n\":1}");
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(body(echoed).get("n").asLong()).isEqualTo(1);
        assertThat(echoed.headers().firstValue("Gridlet-Version")).hasValue("1");

        HttpResponse<String> started = nodes.json(0, "POST", "/api/v1/functions/echo/invoke?async=true",
                TestNodes.ADMIN, "[1,2]");
        assertThat(started.statusCode()).isEqualTo(202);
        String id = body(started).get("invocationId").asText();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode record = body(nodes.get(0, "/api/v1/invocations/" + id, TestNodes.VIEWER));
            assertThat(record.get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(record.get("result").toString()).isEqualTo("[1,2]");
        });
        assertProblem(nodes.get(0, "/api/v1/invocations/nope", TestNodes.VIEWER), 404);

        HttpResponse<String> boom = nodes.json(0, "POST", "/api/v1/functions/boom/invoke", TestNodes.ADMIN, null);
        assertProblem(boom, 422);
        assertThat(body(boom).get("detail").asText()).isEqualTo("no stock");
        assertProblem(nodes.json(0, "POST", "/api/v1/functions/slow/invoke", TestNodes.ADMIN, null), 504);
        assertProblem(nodes.json(0, "POST", "/api/v1/functions/nope/invoke", TestNodes.ADMIN, null), 404);

        CompletableFuture<HttpResponse<String>> holding = CompletableFuture.supplyAsync(() ->
                nodes.json(0, "POST", "/api/v1/functions/single/invoke", TestNodes.ADMIN, null));
        var gate = nodes.bean(0, io.gridlet.node.GridNode.class).hazelcast().getMap("gate");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> gate.containsKey("inside"));
        assertProblem(nodes.json(0, "POST", "/api/v1/functions/single/invoke", TestNodes.ADMIN, null), 429);
        gate.set("go", true);
        assertThat(holding.join().statusCode()).isEqualTo(200);
    }

    @Test
    void broadcastSumsEveryPartitionOnce() {
        StringBuilder values = new StringBuilder("{");
        for (int i = 0; i < 200; i++) {
            values.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        nodes.json(0, "POST", "/api/v1/maps/numbers/entries", TestNodes.ADMIN, values.append("}").toString());
        JsonNode result = body(nodes.json(0, "POST", "/api/v1/functions/sum/broadcast?map=numbers&reduce=sum",
                TestNodes.ADMIN, "\"numbers\""));
        assertThat(result.get("reduced").asLong()).isEqualTo(199 * 200 / 2);
        assertThat(result.get("partitions").asInt()).isEqualTo(271);
    }

    @Test
    void badInputIsA4xxAndTheNodeStaysReadyWithItsDataIntact() {
        nodes.json(0, "PUT", "/api/v1/maps/safe/entries/keep", TestNodes.ADMIN, "\"intact\"");
        List<HttpResponse<String>> bad = new ArrayList<>();
        bad.add(nodes.json(0, "PUT", "/api/v1/maps/safe/entries/x", TestNodes.ADMIN, "{not json"));
        bad.add(nodes.send(0, "PUT", "/api/v1/maps/safe/entries/x", TestNodes.ADMIN, "text/plain", "x".getBytes()));
        bad.add(nodes.json(0, "PUT", "/api/v1/maps/safe/entries/x", TestNodes.ADMIN, "\"" + "x".repeat(5000) + "\""));
        bad.add(nodes.json(0, "PUT", "/api/v1/maps/..%2F..%2Fetc/entries/x", TestNodes.ADMIN, "1"));
        bad.add(nodes.json(0, "PUT", "/api/v1/maps/gridlet.functions/entries/x", TestNodes.ADMIN, "1"));
        bad.add(nodes.send(0, "PUT", "/api/v1/maps/safe/entries/x", TestNodes.ADMIN, "application/json",
                new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0x80}));
        bad.add(nodes.json(0, "POST", "/api/v1/functions/echo/invoke?async=maybe", TestNodes.ADMIN, "1"));
        bad.add(nodes.json(0, "PUT", "/api/v1/maps/safe/entries/x", TestNodes.ADMIN, "null"));
        bad.add(nodes.json(0, "POST", "/api/v1/functions/echo/invoke?map=orders", TestNodes.ADMIN, "1"));
        for (HttpResponse<String> response : bad) {
            assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isBetween(400, 499);
            assertProblem(response, response.statusCode());
        }
        assertThat(bad.get(2).statusCode()).isEqualTo(413);
        assertThat(bad.get(1).statusCode()).isEqualTo(415);
        assertThat(nodes.get(0, "/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(nodes.get(0, "/api/v1/maps/safe/entries/keep", TestNodes.VIEWER).body()).isEqualTo("\"intact\"");
        assertThat(nodes.get(0, "/api/v1/maps/safe/entries/x", TestNodes.VIEWER).statusCode()).isEqualTo(404);
    }

    @Test
    void prometheusAndOpenApiAreServed() {
        nodes.json(0, "POST", "/api/v1/functions/echo/invoke", TestNodes.ADMIN, "1");
        HttpResponse<String> metrics = nodes.get(0, "/prometheus", TestNodes.VIEWER);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("gridlet_function_invocations_total{", "function=\"echo\"",
                "gridlet_function_duration_seconds", "gridlet_cluster_size", "jvm_memory_used_bytes",
                "cache_entries{cache=\"safe\"".substring(0, 13));
        HttpResponse<String> openapi = nodes.get(0, "/openapi/gridlet-1.yml", TestNodes.VIEWER);
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/v1/functions/{name}/invoke");
    }
}
