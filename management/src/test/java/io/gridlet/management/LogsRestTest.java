package io.gridlet.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridlet.node.GridNode;
import io.gridlet.node.TestJars;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A function's log lines over REST, from every member of a 3-node cluster: read at once, and followed. */
class LogsRestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TestNodes.start(3, Map.of());
        GridNode first = nodes.bean(0, GridNode.class);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                first.hazelcast().getCluster().getMembers().size() == 3
                        && first.hazelcast().getPartitionService().isClusterSafe());
        byte[] jar = TestJars.jar("l.Echo", "logs.echo", "String", "String",
                "ctx.logger().info(\"got {}\", input); return input;");
        assertThat(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN, "application/java-archive",
                jar).statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private static HttpResponse<String> invoke(int node, String key) {
        return nodes.json(node, "POST", "/api/v1/functions/logs.echo/invoke?map=logged&key=" + key, TestNodes.ADMIN,
                "\"" + key + "\"");
    }

    @Test
    void thirtyCallsOnKeysOverTheMembersAreReadFromOneNodeEachWithItsMember() throws Exception {
        Set<String> ranOn = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> answer = invoke(i % 3, "k-" + i);
            assertThat(answer.statusCode()).isEqualTo(200);
            ranOn.add(answer.headers().firstValue("Gridlet-Member").orElseThrow());
        }
        assertThat(ranOn).as("the keys' owners").hasSizeGreaterThan(1);

        // A viewer may read them.
        HttpResponse<String> read = nodes.get(1, "/api/v1/functions/logs.echo/logs?limit=100", TestNodes.VIEWER);
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(read.body());
        assertThat(page.get("function").asText()).isEqualTo("logs.echo");
        assertThat(page.get("truncated").asBoolean()).isFalse();
        List<JsonNode> lines = Stream.of(JSON.treeToValue(page.get("lines"), JsonNode[].class)).toList();
        assertThat(lines).hasSize(30);
        assertThat(lines).extracting(line -> line.get("message").asText()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 30).mapToObj(i -> "got k-" + i).toList());
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("member").asText()).isIn(ranOn);
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("version").asText()).isEqualTo("1");
            assertThat(line.get("invocationId").asText()).isNotBlank();
            assertThat(java.time.Instant.parse(line.get("time").asText())).isNotNull();
        });

        String id = invoke(2, "only-this").headers().firstValue("Gridlet-Invocation").orElseThrow();
        JsonNode one = JSON.readTree(nodes.get(0, "/api/v1/functions/logs.echo/logs?invocation=" + id,
                TestNodes.VIEWER).body());
        assertThat(one.get("lines")).hasSize(1);
        assertThat(one.get("lines").get(0).get("message").asText()).isEqualTo("got only-this");
        assertThat(one.get("lines").get(0).get("invocationId").asText()).isEqualTo(id);
    }

    @Test
    void theStreamDeliversANewCallsLineWithinASecond() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(nodes.uri(0, "/api/v1/functions/logs.echo/logs/stream?limit=1"))
                .header("Authorization", "Bearer " + TestNodes.VIEWER).header("Accept", "text/event-stream").build();
        var streaming = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            response.body().filter(line -> line.startsWith("data:")).forEach(line -> events.add(line.substring(5)));
        });
        try {
            // The stream is open once the warm-up call's own line has come through it. It may send an
            // earlier call's line first (the latest there was when it opened): that is skipped, or
            // it would be taken for the warm-up's, and the warm-up's for the followed call's.
            invoke(0, "warm-up");
            long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String warm = null;
            while (warm == null || !JSON.readTree(warm).get("message").asText().equals("got warm-up")) {
                warm = events.poll(Math.max(1, warmUntil - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(warm).as("the warm-up call's line on the stream").isNotNull();
            }
            events.clear();
            long sent = System.nanoTime();
            assertThat(invoke(1, "followed").statusCode()).isEqualTo(200);
            String event = events.poll(5, TimeUnit.SECONDS);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertThat(event).isNotNull();
            assertThat(JSON.readTree(event).get("message").asText()).isEqualTo("got followed");
            assertThat(tookMillis).as("from the call's answer to its line on the stream").isLessThan(1_000);
        } finally {
            streaming.cancel(true);
        }
    }

    @Test
    void badQueriesAreTypedAndNamedAndATokenIsNeeded() throws Exception {
        HttpResponse<String> level = nodes.get(0, "/api/v1/functions/logs.echo/logs?level=LOUD", TestNodes.VIEWER);
        assertThat(level.statusCode()).isEqualTo(400);
        assertThat(level.body()).contains("level must be one of");
        HttpResponse<String> since = nodes.get(0, "/api/v1/functions/logs.echo/logs?since=yesterday", TestNodes.VIEWER);
        assertThat(since.statusCode()).isEqualTo(400);
        assertThat(since.body()).contains("since must be epoch millis or an ISO-8601 instant");
        HttpResponse<String> limit = nodes.get(0, "/api/v1/functions/logs.echo/logs?limit=0", TestNodes.VIEWER);
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(limit.body()).contains("limit must be 1 to 10000");
        assertThat(nodes.get(0, "/api/v1/functions/logs.echo/logs", null).statusCode()).isEqualTo(401);
        assertThat(nodes.get(0, "/api/v1/functions/logs.echo/logs?since=" + (System.currentTimeMillis() + 60_000),
                TestNodes.VIEWER).body()).contains("\"lines\":[]");
    }
}
