package io.gridlet.management;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridlet.node.GridNode;
import io.gridlet.node.TestJars;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every refusal is a typed problem, never a 500: below the split-brain quorum a write, a deploy,
 * an activation, a trigger change and an invoke are each 503 {@code unavailable}, saying the
 * member lost its quorum, and the node logs the loss once, not once per request; an oversized
 * header is 431 naming the limit.
 */
class RefusalsRestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNAVAILABLE = "https://gridlet.io/problems/unavailable";

    @Test
    void belowItsQuorumANodeRefusesEveryChangeWith503AndLogsTheLossOnce() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        TestNodes nodes = TestNodes.start(2, Map.of("gridlet.member.split-brain-minimum", 2,
                "gridlet.member.heartbeat-timeout", "3s"));
        try {
            GridNode survivor = nodes.bean(0, GridNode.class);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    survivor.hazelcast().getCluster().getMembers().size() == 2);
            byte[] jar = TestJars.jar("q.Echo", "q.echo", "Object", "Object", "return input;");
            assertThat(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN,
                    "application/java-archive", jar).statusCode()).isEqualTo(201);
            assertThat(nodes.json(0, "PUT", "/api/v1/maps/data/entries/kept", TestNodes.ADMIN, "\"before\"")
                    .statusCode()).isEqualTo(204);

            // The other member leaves: the survivor is alone, below its minimum of two.
            nodes.server(1).getApplicationContext().close();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> nodes.json(0, "PUT",
                    "/api/v1/maps/data/entries/probe", TestNodes.ADMIN, "1").statusCode() == 503);
            int lossLinesBefore = lines(log, "has lost its quorum");

            List<HttpResponse<String>> refusals = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                refusals.add(nodes.json(0, "PUT", "/api/v1/maps/data/entries/k" + i, TestNodes.ADMIN, "1"));
                refusals.add(nodes.json(0, "POST", "/api/v1/maps/data/entries", TestNodes.ADMIN, "{\"a\": 1}"));
                refusals.add(nodes.send(0, "DELETE", "/api/v1/maps/data/entries/kept", TestNodes.ADMIN, null, null));
                refusals.add(nodes.send(0, "POST", "/api/v1/functions?version=2", TestNodes.ADMIN,
                        "application/java-archive", jar));
                refusals.add(nodes.json(0, "POST", "/api/v1/functions/q.echo/activate", TestNodes.ADMIN,
                        "{\"version\": \"1\"}"));
                refusals.add(nodes.json(0, "POST", "/api/v1/functions/q.echo/invoke?map=data&key=kept",
                        TestNodes.ADMIN, "\"x\""));
                refusals.add(nodes.json(0, "POST", "/api/v1/functions/q.echo/invoke", TestNodes.ADMIN, "\"x\""));
                refusals.add(nodes.json(0, "POST", "/api/v1/triggers", TestNodes.ADMIN,
                        "{\"name\": \"t" + i + "\", \"function\": \"q.echo\", \"type\": \"schedule\", "
                                + "\"intervalMillis\": 1000}"));
            }
            for (HttpResponse<String> refusal : refusals) {
                assertThat(refusal.statusCode()).as(refusal.request().method() + " " + refusal.uri() + ": "
                        + refusal.body()).isEqualTo(503);
                assertThat(refusal.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                JsonNode problem = JSON.readTree(refusal.body());
                assertThat(problem.get("type").asText()).isEqualTo(UNAVAILABLE);
                assertThat(problem.get("detail").asText()).contains("lost its quorum");
            }
            // Reads go on, from what this member holds.
            assertThat(nodes.get(0, "/api/v1/maps/data/entries/kept", TestNodes.ADMIN).body()).isEqualTo("\"before\"");
            for (String read : List.of("/api/v1/cluster", "/api/v1/maps", "/api/v1/functions/q.echo")) {
                long started = System.nanoTime();
                assertThat(nodes.get(0, read, TestNodes.VIEWER).statusCode()).as(read).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as(read).isLessThan(Duration.ofSeconds(1));
            }
            long started = System.nanoTime();
            nodes.get(0, "/health/readiness", null);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

            assertThat(lines(log, "has lost its quorum")).as("one line for the loss, none per request")
                    .isEqualTo(lossLinesBefore).isEqualTo(1);
            assertThat(log.list).as("no stack trace logged for a refusal")
                    .noneMatch(event -> event.getThrowableProxy() != null
                            && event.getThrowableProxy().getClassName().contains("SplitBrainProtection"));
            assertThat(log.list).noneMatch(event -> event.getFormattedMessage().contains("could not be served"));
        } finally {
            root.detachAppender(log);
            nodes.close();
        }
    }

    @Test
    void anOversizedHeaderIs431AndALongRequestLineIs414EachNamingTheLimit() throws Exception {
        try (TestNodes nodes = TestNodes.start(1, Map.of())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> header = http.send(HttpRequest.newBuilder(nodes.uri(0, "/api/v1/cluster"))
                    .header("Authorization", "Bearer " + "x".repeat(16 * 1024)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(header.statusCode()).as(header.body()).isEqualTo(431);
            JsonNode problem = JSON.readTree(header.body());
            assertThat(problem.get("type").asText()).isEqualTo("https://gridlet.io/problems/headers-too-large");
            assertThat(problem.get("detail").asText()).contains("8192 bytes", "max-header-size");

            HttpResponse<String> line = http.send(HttpRequest.newBuilder(
                    URI.create(nodes.uri(0, "/api/v1/maps/m/entries/").toString() + "k".repeat(8 * 1024))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(line.statusCode()).isEqualTo(414);
            assertThat(JSON.readTree(line.body()).get("detail").asText()).contains("max-initial-line-length");
        }
    }

    private static int lines(ListAppender<ILoggingEvent> log, String text) {
        return (int) List.copyOf(log.list).stream().filter(event -> event.getFormattedMessage().contains(text)).count();
    }
}
