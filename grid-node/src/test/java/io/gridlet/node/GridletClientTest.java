package io.gridlet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlet.api.UnknownFunctionException;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client invokes like a member: one hop to the key's owner, the same typed errors. */
class GridletClientTest {

    static TestCluster cluster;
    static GridletClient client;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(3, builder -> { });
        cluster.nodes().forEach(node -> {
            node.functions().register(CountingFunctions.Where.class);
            node.functions().register(CountingFunctions.TransactionalIncrement.class);
            node.functions().register(CountingFunctions.PlainIncrement.class);
        });
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void keyRoutedCallsRunOnTheKeyOwner() {
        for (int i = 0; i < 50; i++) {
            String key = "key-" + i;
            InvocationResult<String> result = client.invoker()
                    .call(Invocation.of("where.client").onKey("client-map", key).build(), String.class);
            var owner = cluster.node(0).hazelcast().getPartitionService().getPartition(key).getOwner().getUuid();
            assertThat(result.member()).isEqualTo(owner);
            assertThat(result.output()).isEqualTo(owner.toString());
        }
    }

    /**
     * A client's plain call by key is one operation of the key's partition, sent as Gridlet's own
     * client message: concurrent increments of a few keys from several client threads count
     * exactly, and no key stays locked.
     */
    @Test
    void concurrentPlainCallsByKeyFromTheClientLoseNoUpdate() throws Exception {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        client.invoker().invoke(Invocation.of("count.plain")
                                .onKey("client-plain", "p-" + (thread + i) % 2).build(), Long.class);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        var counters = cluster.node(0).hazelcast().<String, Long>getMap("client-plain");
        assertThat(counters.get("p-0") + counters.get("p-1")).isEqualTo(1_000L);
        assertThat(counters.isLocked("p-0")).isFalse();
    }

    @Test
    void errorsAreTypedThroughTheClientToo() {
        assertThatThrownBy(() -> client.invoker().invoke("no.such.function", null))
                .isInstanceOf(UnknownFunctionException.class);
    }

    @Test
    void aTransactionalFunctionTheClientDidNotKnowIsResentByExecutor() {
        for (int i = 0; i < 3; i++) {
            assertThat(client.invoker().invoke(Invocation.of("count.tx").onKey("client-counters", "c")
                    .idempotencyKey("client-once").build(), Long.class)).isEqualTo(1L);
        }
        assertThat(cluster.node(0).hazelcast().<String, Long>getMap("client-counters").get("c")).isEqualTo(1L);
    }

    @Test
    void theClientFollowsDeploysAndReadsAsyncRecords() throws Exception {
        byte[] jar = TestJars.jar("cl.Slow", "client.deployed", "Object", "String", "return \"deployed\";");
        cluster.node(1).deployments().deploy(jar, DeployOptions.version("1"));
        InvocationFuture<String> future = client.invoker().callAsync(Invocation.of("client.deployed").build(),
                String.class);
        assertThat(future.get().output()).isEqualTo("deployed");
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(client.invocations().get(future.invocationId()).state())
                        .isEqualTo(InvocationRecord.State.SUCCEEDED));
        FanOutResult<Object> fan = client.invoker().fanOut(FanOut.of("where.client", "any"), Object.class);
        assertThat(fan.partitions()).isEqualTo(271);
        assertThat(fan.partials()).hasSize(3);
        assertThat(List.copyOf(fan.partials()).stream().map(p -> p.output().toString()).distinct()).hasSize(3);
    }
}
