package io.gridlet.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlet.node.GridNode;
import io.gridlet.node.TestCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Readiness, a bad setting at start, and a graceful stop on SIGTERM. */
class NodeLifecycleTest {

    @Test
    void readinessIsDownWithAReasonWhenTheMemberIsNotRunning() {
        try (TestNodes nodes = TestNodes.start(1, Map.of())) {
            assertThat(nodes.get(0, "/health/readiness", null).statusCode()).isEqualTo(200);
            nodes.bean(0, GridNode.class).hazelcast().getLifecycleService().terminate();
            HttpResponse<String> readiness = nodes.get(0, "/health/readiness", null);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("the member is not running");
        }
    }

    @org.junit.jupiter.api.io.TempDir
    Path temp;

    static Process node(List<String> args, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), io.gridlet.management.Main.class.getName(), "node"));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    @Test
    void aBadSettingStopsTheStartWithAMessageNamingIt() throws Exception {
        Path log = temp.resolve("bad.log");
        Process process = node(List.of("--gridlet.member.port=99999", "--micronaut.server.port=-1"), log);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("gridlet: the node did not start: bad setting gridlet.member.port:"
                + " must be less than or equal to 65535");

        Path tracing = temp.resolve("bad-tracing.log");
        Process badEndpoint = node(List.of("--gridlet.tracing.otlp-endpoint=collector:4318",
                "--micronaut.server.port=-1"), tracing);
        assertThat(badEndpoint.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(badEndpoint.exitValue()).isEqualTo(1);
        assertThat(java.nio.file.Files.readString(tracing, StandardCharsets.UTF_8))
                .contains("gridlet.tracing.otlp-endpoint must be an http or https URL");
    }

    @Test
    void sigtermLeavesTheClusterGracefullyAndExitsZero() throws Exception {
        int member = TestCluster.freePorts(1).get(0);
        int http = TestCluster.freePorts(1).get(0);
        Path log = temp.resolve("sigterm.log");
        Process process = node(List.of("--gridlet.member.port=" + member, "--gridlet.member.members=127.0.0.1:" + member,
                "--gridlet.cluster-name=sigterm-" + member, "--micronaut.server.port=" + http,
                "--gridlet.security.admin-token=t"), log);
        HttpClient client = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("leaving the cluster");
    }
}
