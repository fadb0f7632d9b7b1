package io.gridlet.node.internal.deploy;

import io.gridlet.node.internal.registry.LocalFunctionRegistry;
import io.gridlet.node.internal.cluster.MemberContext;
import io.gridlet.node.DeployOptions;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridlet.node.GridNode;
import io.gridlet.node.Invocation;
import io.gridlet.node.InvocationResult;
import io.gridlet.node.TestCluster;
import io.gridlet.node.TestJars;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Undeploy lets calls finish, then lets the version's class loader go. */
class ClassLoaderReleaseTest {

    static TestCluster cluster;
    static GridNode node;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start(1, builder -> { });
        node = cluster.node(0);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    /** Waits for the marker map entry "go" before answering, so a call can be held in flight. */
    static byte[] slowJar(String answer) {
        return TestJars.jar("slow.Held", "held", "Object", "String", """
                var gate = ctx.hazelcast().getMap("gate");
                ctx.hazelcast().getMap("gate").set("started", true);
                while (gate.get("go") == null) { Thread.sleep(5); }
                return "%s";""".formatted(answer));
    }

    static void collectGarbageUntil(java.util.function.BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            System.gc();
            return condition.getAsBoolean();
        });
    }

    @Test
    void aCallInFlightDuringUndeployFinishesWithTheOldVersionThenTheLoaderIsCollected() throws Exception {
        node.deployments().deploy(slowJar("old"), DeployOptions.version("1"));
        WeakReference<ClassLoader> loader = new WeakReference<>(MemberContext.get(node.hazelcast(), LocalFunctionRegistry.class).resolve("held", "1").classLoader());
        assertThat(loader.get()).isNotNull();

        CompletableFuture<InvocationResult<String>> inFlight = node.invoker()
                .callAsync(Invocation.of("held").timeout(Duration.ofSeconds(20)).build(), String.class);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> node.hazelcast().getMap("gate").containsKey("started"));
        node.deployments().undeploy("held", null);
        assertThat(MemberContext.get(node.hazelcast(), LocalFunctionRegistry.class).resolve("held", null)).isNull();
        assertThat(inFlight).isNotDone();

        node.hazelcast().getMap("gate").set("go", true);
        InvocationResult<String> result = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(result.output()).isEqualTo("old");
        assertThat(result.version()).isEqualTo("1");

        collectGarbageUntil(() -> loader.get() == null);
        collectGarbageUntil(() -> node.deployments().retainedClassLoaders() == 0);
        node.hazelcast().getMap("gate").clear();
    }

    @Test
    void twoHundredDeployAndUndeployCyclesLeaveMetaspaceFlat() {
        byte[] jar = TestJars.builder()
                .source("cycle.Payload", "package cycle; public record Payload(String text, long count) { }")
                .function("cycle.Echo", "cycle.echo", "cycle.Payload", "cycle.Payload",
                        "return new cycle.Payload(input.text() + \"!\", input.count() + 1);")
                .build();
        runCycles(jar, 0, 20);
        collectGarbageUntil(() -> node.deployments().retainedClassLoaders() == 0);
        long before = metaspaceUsed();

        runCycles(jar, 20, 200);
        collectGarbageUntil(() -> node.deployments().retainedClassLoaders() == 0);
        long after = metaspaceUsed();

        long growth = after - before;
        System.out.printf("metaspace before %d KB, after 200 deploy/undeploy cycles %d KB, growth %d KB%n",
                before >> 10, after >> 10, growth >> 10);
        // Each cycle loads a loader, two classes and a Jackson mapper: ~200 KB if they leaked.
        assertThat(growth).isLessThan(8L << 20);
    }

    private static void runCycles(byte[] jar, int from, int count) {
        for (int i = from; i < from + count; i++) {
            String version = "c" + i;
            node.deployments().deploy(jar, DeployOptions.version(version));
            Object out = node.invoker().invoke(Invocation.of("cycle.echo").version(version)
                    .input(java.util.Map.of("text", "hi", "count", i)).build(), Object.class);
            assertThat(out).isEqualTo(java.util.Map.of("text", "hi!", "count", (long) i + 1));
            node.deployments().undeploy("cycle.echo", null);
        }
    }

    private static long metaspaceUsed() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                return pool.getUsage().getUsed();
            }
        }
        throw new IllegalStateException("no Metaspace pool");
    }
}
