package io.gridlet.node;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Real members on loopback for tests: their own free ports, multicast off, a random cluster
 * name, all closed together.
 */
public final class TestCluster implements AutoCloseable {

    private final List<GridNode> nodes = new ArrayList<>();
    private final String clusterName = "test-" + UUID.randomUUID();
    private final List<Integer> ports;
    private final Consumer<GridNode.Builder> settings;
    private int started;

    private TestCluster(int capacity, Consumer<GridNode.Builder> settings) {
        this.ports = freePorts(capacity);
        this.settings = settings;
    }

    /** Starts {@code size} members; room is kept for {@code capacity - size} more to join later. */
    public static TestCluster start(int size, int capacity, Consumer<GridNode.Builder> settings) {
        TestCluster cluster = new TestCluster(capacity, settings);
        try {
            for (int i = 0; i < size; i++) {
                cluster.startMember();
            }
            cluster.awaitSafe();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public static TestCluster start(int size, Consumer<GridNode.Builder> settings) {
        return start(size, size, settings);
    }

    /** Starts one more member, on the next free port kept for it. */
    public GridNode startMember() {
        return startMember(builder -> { });
    }

    /** Starts one more member, with more settings than the cluster's. */
    public GridNode startMember(Consumer<GridNode.Builder> more) {
        if (started >= ports.size()) {
            throw new IllegalStateException("no port left for another member");
        }
        List<String> seeds = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        GridNode.Builder builder = GridNode.builder()
                .clusterName(clusterName)
                .host("127.0.0.1")
                .port(ports.get(started++))
                .members(seeds)
                .shutdownHook(false)
                .hazelcastConfig(config -> config
                        .setProperty("hazelcast.wait.seconds.before.join", "0")
                        .setProperty("hazelcast.max.join.seconds", "20"));
        settings.accept(builder);
        more.accept(builder);
        GridNode node = builder.start();
        nodes.add(node);
        return node;
    }

    /** Waits until no partition migrates and every backup is in sync: owners stay put. */
    public void awaitSafe() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> nodes.stream().allMatch(node -> node.hazelcast().getPartitionService().isClusterSafe()));
    }

    public GridNode node(int index) {
        return nodes.get(index);
    }

    public List<GridNode> nodes() {
        return nodes;
    }

    public String clusterName() {
        return clusterName;
    }

    /** A {@link GridletClient} of this cluster that knows every member's address; the caller closes it. */
    public GridletClient client() {
        return GridletClient.builder().clusterName(clusterName)
                .addresses(nodes().stream().map(node -> "127.0.0.1:" + node.localMember().getAddress().getPort()).toList())
                .connect();
    }

    @Override
    public void close() {
        for (GridNode node : nodes) {
            node.hazelcast().getLifecycleService().terminate();
            node.close();
        }
        nodes.clear();
    }

    /**
     * {@code count} distinct ports that were free on loopback, from below Linux's ephemeral range.
     * The test kit's {@code LoopbackPorts} does this for function authors; grid-node's own tests
     * cannot use the test kit, which depends on grid-node.
     */
    public static List<Integer> freePorts(int count) {
        java.util.Set<Integer> ports = new java.util.LinkedHashSet<>();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int tries = 0; ports.size() < count && tries < 10_000; tries++) {
            int port = random.nextInt(20_000, 32_000);
            try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                ports.add(probe.getLocalPort());
            } catch (java.io.IOException taken) {
                // someone has it: try another
            }
        }
        if (ports.size() < count) {
            throw new IllegalStateException("no " + count + " free ports on loopback");
        }
        return List.copyOf(ports);
    }

    /**
     * Holds {@code node}'s partition thread of {@code partition} (and so every partition that
     * thread serves) until the latch answered is let go, at most 60 s: no operation or backup of
     * those partitions runs there meanwhile.
     */
    public static java.util.concurrent.CountDownLatch holdPartitionThread(GridNode node, int partition)
            throws InterruptedException {
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ((com.hazelcast.map.impl.proxy.MapProxyImpl<?, ?>) node.hazelcast().getMap("gridlet.test.hold")).getNodeEngine()
                .getOperationService().execute(new com.hazelcast.spi.impl.PartitionSpecificRunnable() {
                    @Override
                    public int getPartitionId() {
                        return partition;
                    }

                    @Override
                    public void run() {
                        held.countDown();
                        try {
                            release.await(60, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
        if (!held.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("partition thread of partition " + partition + " not held within 10 s");
        }
        return release;
    }

    /** A key with {@code prefix} that {@code node} owns, in {@code partition} unless that is -1. */
    public static String keyOwnedBy(GridNode node, String prefix, int partition) {
        for (int i = 0; ; i++) {
            String key = prefix + i;
            var found = node.hazelcast().getPartitionService().getPartition(key);
            if (found.getOwner().localMember() && (partition < 0 || found.getPartitionId() == partition)) {
                return key;
            }
        }
    }
}

