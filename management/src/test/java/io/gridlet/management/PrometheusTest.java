package io.gridlet.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridlet.node.GridNode;
import io.gridlet.node.TestCluster;
import io.gridlet.node.TestJars;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (Debian's package) scrapes two nodes with the bearer token, as a deployment's
 * would: both targets are up, the cluster-wide p99 comes out of the summed histogram buckets per
 * function, and every PromQL expression of the chart's Grafana dashboard evaluates.
 */
class PrometheusTest {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path DASHBOARD = Path.of("..", "charts", "gridlet", "dashboards", "gridlet.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestNodes nodes;
    private static Process prometheus;
    private static String api;
    private static Path data;

    @BeforeAll
    static void start() throws Exception {
        boolean installed = Files.isExecutable(PROMETHEUS);
        if (System.getenv("CI") != null) {
            assertThat(installed).as("CI needs Debian's prometheus: .ci/run installs it").isTrue();
        }
        Assumptions.assumeTrue(installed, "needs Debian's prometheus (apt-get install prometheus); .ci/run installs it");
        nodes = TestNodes.start(2, Map.of());
        GridNode first = nodes.bean(0, GridNode.class);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                first.hazelcast().getCluster().getMembers().size() == 2
                        && first.hazelcast().getPartitionService().isClusterSafe());
        for (String function : List.of("prom.a", "prom.b")) {
            byte[] jar = TestJars.jar("p." + function.replace(".", "_"), function, "String", "String", "return input;");
            assertThat(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN, "application/java-archive",
                    jar).statusCode()).isEqualTo(201);
        }
        data = Files.createTempDirectory("prometheus");
        int port = TestCluster.freePorts(1).get(0);
        Files.writeString(data.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: gridlet
                    metrics_path: /prometheus
                    authorization:
                      type: Bearer
                      credentials: %s
                    static_configs:
                      - targets: ['127.0.0.1:%d', '127.0.0.1:%d']
                """.formatted(TestNodes.VIEWER, nodes.server(0).getPort(), nodes.server(1).getPort()));
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + data.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + data.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(data.resolve("prometheus.log").toFile()).start();
        api = "http://127.0.0.1:" + port + "/api/v1/";
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    private static JsonNode query(String promql) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(api + "query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("status").asText()).as("%s: %s", promql, answer.body()).isEqualTo("success");
        return body.get("data");
    }

    @Test
    void bothNodesAreUpAndTheClusterWideP99ComesPerFunctionAndEveryDashboardQueryRuns() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> {
                    JsonNode targets = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(api + "targets"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body()).at("/data/activeTargets");
                    return targets.size() == 2 && targets.findValuesAsText("health").stream().allMatch("up"::equals);
                });
        assertThat(query("up{job=\"gridlet\"}").get("result")).hasSize(2)
                .allSatisfy(sample -> assertThat(sample.get("value").get(1).asText()).isEqualTo("1"));

        // Calls through both nodes, on both functions, while Prometheus scrapes.
        AtomicBoolean calling = new AtomicBoolean(true);
        Thread caller = new Thread(() -> {
            for (int i = 0; calling.get(); i++) {
                nodes.json(i % 2, "POST", "/api/v1/functions/" + (i % 4 < 2 ? "prom.a" : "prom.b")
                        + "/invoke?map=prom&key=k" + i, TestNodes.ADMIN, "\"x\"");
            }
        });
        caller.start();
        try {
            String p99 = "histogram_quantile(0.99, sum by (le, function) "
                    + "(rate(gridlet_function_duration_seconds_bucket[1m])))";
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .untilAsserted(() -> {
                        List<String> functions = new ArrayList<>();
                        for (JsonNode sample : query(p99).get("result")) {
                            double seconds = Double.parseDouble(sample.get("value").get(1).asText());
                            assertThat(seconds).as("p99 of %s", sample.get("metric")).isPositive().isLessThan(30.0);
                            functions.add(sample.get("metric").get("function").asText());
                        }
                        assertThat(functions).contains("prom.a", "prom.b");
                    });
            // The buckets come from both members: summed, they count every call.
            JsonNode perInstance = query("count by (instance) (gridlet_function_duration_seconds_bucket)").get("result");
            assertThat(perInstance).hasSize(2);
        } finally {
            calling.set(false);
            caller.join();
        }

        JsonNode dashboard = JSON.readTree(Files.readString(DASHBOARD));
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                expressions.add(target.get("expr").asText());
            }
        }
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(15);
        for (String expression : expressions) {
            String promql = expression.replace("$__rate_interval", "1m").replace("$__range", "5m")
                    .replace("$job", ".*").replace("$function", ".*");
            JsonNode result = query(promql);
            assertThat(result.get("resultType").asText()).as(promql).isIn("vector", "matrix", "scalar");
        }
        // The expressions that name a metric find it: no panel reads a name the nodes do not publish.
        for (String metric : List.of("gridlet_cluster_size", "gridlet_function_invocations_total",
                "gridlet_function_inflight", "gridlet_function_concurrency_limit", "gridlet_member_partitions",
                "gridlet_function_duration_seconds_bucket", "gridlet_logs_dropped_total")) {
            assertThat(query(metric).get("result")).as(metric).isNotEmpty();
        }
    }
}
