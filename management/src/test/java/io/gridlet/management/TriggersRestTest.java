package io.gridlet.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridlet.node.TestJars;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The trigger endpoints on a real node: create, watch, dead letters, replay, delete, jobs. */
class TriggersRestTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TestNodes.start(1, Map.of());
    }

    @AfterAll
    static void stop() {
        nodes.close();
    }

    static JsonNode body(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void aMapEventTriggerOverRest() throws Exception {
        byte[] jar = TestJars.jar("rt.Upper", "upper", "java.util.Map", "String", """
                String value = String.valueOf(input.get("value"));
                if (value.equals("fail")) { throw new IllegalStateException("refused " + input.get("key")); }
                return value.toUpperCase();""");
        assertThat(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN, "application/java-archive", jar)
                .statusCode()).isEqualTo(201);
        HttpResponse<String> created = nodes.json(0, "POST", "/api/v1/triggers", TestNodes.ADMIN,
                "{\"name\":\"up\",\"function\":\"upper\",\"type\":\"map-event\",\"map\":\"words\",\"resultMap\":\"upper\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        nodes.json(0, "POST", "/api/v1/maps/words/entries", TestNodes.ADMIN, "{\"a\":\"apple\",\"b\":\"fail\"}");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                nodes.get(0, "/api/v1/maps/upper/entries/a", TestNodes.VIEWER).statusCode() == 200
                        && body(nodes.get(0, "/api/v1/triggers/up/dead-letters", TestNodes.VIEWER)).size() == 1);
        assertThat(nodes.get(0, "/api/v1/maps/upper/entries/a", TestNodes.VIEWER).body()).isEqualTo("\"APPLE\"");
        JsonNode letters = body(nodes.get(0, "/api/v1/triggers/up/dead-letters", TestNodes.VIEWER));
        assertThat(letters.get(0).get("error").asText()).contains("refused b");
        JsonNode status = body(nodes.get(0, "/api/v1/triggers/up", TestNodes.VIEWER));
        assertThat(status.get("processed").asLong()).isEqualTo(1);
        assertThat(status.get("deadLettered").asLong()).isEqualTo(1);
        assertThat(status.get("jobStatus").asText()).isEqualTo("RUNNING");
        assertThat(body(nodes.get(0, "/api/v1/triggers", TestNodes.VIEWER)).findValues("name")).hasSize(1);
        assertThat(body(nodes.get(0, "/api/v1/jobs", TestNodes.VIEWER)).findValues("name").toString())
                .contains("gridlet-trigger-up");

        JsonNode replayed = body(nodes.json(0, "POST", "/api/v1/triggers/up/dead-letters/replay", TestNodes.ADMIN, null));
        assertThat(replayed.get("remaining").asInt()).isEqualTo(1);
        assertThat(nodes.send(0, "DELETE", "/api/v1/triggers/up", TestNodes.ADMIN, null, null).statusCode())
                .isEqualTo(204);
        assertThat(nodes.get(0, "/api/v1/triggers/up", TestNodes.VIEWER).statusCode()).isEqualTo(404);
    }

    @Test
    void badDefinitionsAre400WithTheField() {
        HttpResponse<String> bad = nodes.json(0, "POST", "/api/v1/triggers", TestNodes.ADMIN,
                "{\"name\":\"x\",\"function\":\"f\",\"type\":\"schedule\",\"intervalMillis\":1}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("intervalMillis of at least 10").doesNotContain("Exception");
        assertThat(nodes.json(0, "POST", "/api/v1/triggers", TestNodes.ADMIN, "{\"name\":").statusCode()).isEqualTo(400);
        assertThat(nodes.json(0, "POST", "/api/v1/triggers", TestNodes.VIEWER, "{}").statusCode()).isEqualTo(403);
    }
}
