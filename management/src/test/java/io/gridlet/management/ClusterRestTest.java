package io.gridlet.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridlet.node.GridNode;
import io.gridlet.node.TestJars;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Three nodes, one cluster: deploy through one, invoke by key through the others, next to the data. */
class ClusterRestTest {

    @Test
    void deployThroughNodeTwoInvokeByKeyThroughNodesOneAndThreeOnTheOwner() throws Exception {
        try (TestNodes nodes = TestNodes.start(3, Map.of())) {
            GridNode first = nodes.bean(0, GridNode.class);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    first.hazelcast().getCluster().getMembers().size() == 3
                            && first.hazelcast().getPartitionService().isClusterSafe());
            byte[] jar = TestJars.jar("c.Where", "where", "Object", "String",
                    "return ctx.hazelcast().getCluster().getLocalMember().getUuid() + \"|\" + ctx.entry().get();");
            assertThat(nodes.send(1, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN,
                    "application/java-archive", jar).statusCode()).isEqualTo(201);
            for (int i = 0; i < 30; i++) {
                String key = "k" + i;
                assertThat(nodes.json(1, "PUT", "/api/v1/maps/data/entries/" + key, TestNodes.ADMIN, "\"v" + i + "\"")
                        .statusCode()).isEqualTo(204);
                String owner = first.hazelcast().getPartitionService().getPartition(key).getOwner().getUuid().toString();
                for (int node : new int[] {0, 2}) {
                    HttpResponse<String> answer = nodes.json(node, "POST",
                            "/api/v1/functions/where/invoke?map=data&key=" + key, TestNodes.ADMIN, null);
                    assertThat(answer.statusCode()).isEqualTo(200);
                    String output = new ObjectMapper().readTree(answer.body()).asText();
                    assertThat(output).isEqualTo(owner + "|v" + i);
                    assertThat(answer.headers().firstValue("Gridlet-Member")).hasValue(owner);
                }
            }
            runTimesAreTheClusters(nodes);
        }
    }

    /**
     * A version's p50 and p99 are the cluster's: 40 calls by key over three members, 36 of 10 ms and
     * 4 of 300 ms, read from one node, count all 40 and put p50 near 10 ms and p99 near 300 ms,
     * though no one member ran them all.
     */
    private static void runTimesAreTheClusters(TestNodes nodes) throws Exception {
        byte[] jar = TestJars.jar("c.Sleep", "sleeps", "Integer", "String",
                "Thread.sleep(input); return ctx.hazelcast().getCluster().getLocalMember().getUuid().toString();");
        assertThat(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN,
                "application/java-archive", jar).statusCode()).isEqualTo(201);
        java.util.Set<String> ranOn = new java.util.HashSet<>();
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> answer = nodes.json(i % 3, "POST", "/api/v1/functions/sleeps/invoke?map=naps&key=n" + i,
                    TestNodes.ADMIN, i % 10 == 9 ? "300" : "10");
            assertThat(answer.statusCode()).isEqualTo(200);
            ranOn.add(answer.headers().firstValue("Gridlet-Member").orElseThrow());
        }
        assertThat(ranOn).as("the members that ran them").hasSizeGreaterThan(1);
        var times = new ObjectMapper().readTree(nodes.get(1, "/api/v1/functions/sleeps", TestNodes.VIEWER).body())
                .get("times").get("1");
        assertThat(times.get("calls").asLong()).isEqualTo(40);
        assertThat(times.get("inFlight").asLong()).isZero();
        assertThat(times.get("p50Millis").asDouble()).isBetween(9.0, 40.0);
        assertThat(times.get("p99Millis").asDouble()).isBetween(250.0, 700.0);
    }
}
