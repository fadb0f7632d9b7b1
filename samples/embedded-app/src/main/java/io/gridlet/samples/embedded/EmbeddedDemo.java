package io.gridlet.samples.embedded;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.gridlet.api.FunctionFailedException;
import io.gridlet.node.GridNode;
import io.gridlet.node.Invocation;
import io.gridlet.node.InvocationResult;
import io.gridlet.api.GridFunction;
import io.gridlet.node.FanOut;
import io.gridlet.node.DeployResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts a 3-member grid in this JVM, registers a lambda, deploys the sample function jar (carried
 * as a resource, not on the class path), loads orders and stock, and runs functions next to the
 * data: each call goes to the member that owns its key. With {@code --stay} it keeps the grid up
 * until Ctrl-C.
 */
public final class EmbeddedDemo {

    private EmbeddedDemo() {
    }

    public static void main(String[] args) throws Exception {
        boolean stay = List.of(args).contains("--stay");
        run(System.out, stay);
    }

    /** Runs the tour, printing to {@code out}; returns the total of reservations made. */
    public static long run(PrintStream out, boolean stay) throws Exception {
        String cluster = "gridlet-demo-" + UUID.randomUUID().toString().substring(0, 8);
        List<GridNode> nodes = new ArrayList<>();
        try {
            for (int member = 0; member < 3; member++) {
                // On its defaults, each member takes the first free port of 5701 to 5703 and finds the others there.
                GridNode node = GridNode.builder().clusterName(cluster)
                        .shutdownHook(false)
                        .hazelcastConfig(config -> config.setProperty("hazelcast.wait.seconds.before.join", "0"))
                        .start();
                // A function needs no jar: a lambda registered on each member is invocable from any.
                GridFunction<String, String> greet = (name, ctx) -> "hello " + name + " from "
                        + ctx.hazelcast().getCluster().getLocalMember().getAddress();
                node.functions().register("greet", String.class, greet);
                out.printf("started member on %s%n", node.localMember().getAddress());
                nodes.add(node);
            }
            // Take traffic once the partitions have settled on the three members: a write whose backup
            // is moving answers "outcome unknown" rather than pass as done (fail-on-indeterminate).
            long settle = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (!nodes.get(0).hazelcast().getPartitionService().isClusterSafe() && System.nanoTime() < settle) {
                Thread.sleep(100);
            }
            out.printf("cluster %s is up with %d members%n", cluster,
                    nodes.get(0).hazelcast().getCluster().getMembers().size());
            out.printf("  greet (a lambda) -> %s%n", nodes.get(2).invoker()
                    .invoke(Invocation.of("greet").input("grid").build(), String.class));

            // One deploy, on any member, makes the jar's functions invocable on every member.
            DeployResult deployed = nodes.get(1).deployments().deploy(functionJar());
            out.printf("  deployed %s at version %s%n%n", deployed.functions(), deployed.version());

            IMap<String, HazelcastJsonValue> orders = nodes.get(0).hazelcast().getMap("orders");
            for (int i = 1; i <= 5; i++) {
                orders.set("order-" + i, new HazelcastJsonValue("{\"lines\":[{\"sku\":\"apple\",\"quantity\":" + i
                        + ",\"price\":0.5},{\"sku\":\"pear\",\"quantity\":2,\"price\":1.25}]}"));
            }
            IMap<String, Long> stock = nodes.get(0).hazelcast().getMap("stock");
            stock.set("apple", 1_000L);

            out.println("orders.total runs where each order lives:");
            for (int i = 1; i <= 5; i++) {
                GridNode caller = nodes.get(i % 3);
                InvocationResult<Map<?, ?>> result = caller.invoker()
                        .call(Invocation.of("orders.total").onKey("orders", "order-" + i).build(), mapType());
                out.printf("  order-%d total %.2f, called on %s, ran on %s%n", i,
                        ((Number) result.output().get("total")).doubleValue(),
                        caller.localMember().getAddress(), result.output().get("member"));
            }

            out.println();
            out.println("stock.reserve: 8 threads reserve 1 apple 100 times each, from all members:");
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                GridNode caller = nodes.get(t % 3);
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        caller.invoker().invoke(Invocation.of("stock.reserve").onKey("stock", "apple").input(1L)
                                .build(), Long.class);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            threads.shutdown();
            long left = stock.get("apple");
            out.printf("  apples left: %d (1000 - 800 reserved; none lost)%n", left);

            try {
                nodes.get(1).invoker().invoke(Invocation.of("stock.reserve").onKey("stock", "apple")
                        .input(10_000L).build(), Long.class);
            } catch (FunctionFailedException e) {
                out.printf("  reserving 10000 fails as it should: %s%n", e.errorMessage());
            }

            Double sales = nodes.get(0).invoker().fanOut(FanOut.of("sales.report", "orders"), Double.class)
                    .reduce(0.0, Double::sum);
            out.printf("  sales.report over every member's own orders: %.2f%n", sales);

            if (stay) {
                out.println();
                out.println("The grid stays up; press Ctrl-C to stop it.");
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stopAll(nodes);
                    stopped.countDown();
                }));
                stopped.await();
            }
            return 1_000L - left;
        } finally {
            if (!stay) {
                out.println();
                out.println("stopping the members ...");
                stopAll(nodes);
            }
        }
    }

    private static byte[] functionJar() throws IOException {
        try (InputStream jar = EmbeddedDemo.class.getResourceAsStream("/functions/sample-functions.jar")) {
            if (jar == null) {
                throw new IOException("functions/sample-functions.jar is not on the class path: build with ./mvnw -B install");
            }
            return jar.readAllBytes();
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<Map<?, ?>> mapType() {
        return (Class<Map<?, ?>>) (Class<?>) Map.class;
    }

    /**
     * Newest first: the oldest member is the master, and members that leave after it would wait
     * for a new one to take over.
     */
    private static void stopAll(List<GridNode> nodes) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }
}
