package io.gridlet.benchmarks.jmh;

import io.gridlet.testkit.LoopbackPorts;
import com.hazelcast.config.Config;
import io.gridlet.node.GridNode;
import io.gridlet.node.KeyRoutedTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Starts benchmark members on loopback, on free ports, in a cluster of their own. */
final class Members {

    private Members() {
    }

    static List<GridNode> start(int count, KeyRoutedTransport transport, Consumer<Config> config) {
        List<Integer> ports = LoopbackPorts.free(count);
        List<String> seeds = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        String cluster = "bench-" + UUID.randomUUID();
        List<GridNode> nodes = new ArrayList<>();
        for (int port : ports) {
            nodes.add(GridNode.builder().clusterName(cluster).port(port).members(seeds).shutdownHook(false)
                    .keyRoutedTransport(transport)
                    .hazelcastConfig(c -> {
                        c.setProperty("hazelcast.wait.seconds.before.join", "0");
                        config.accept(c);
                    })
                    .start());
        }
        return nodes;
    }

    /** Newest first: members leaving after the master would wait for a new one. */
    static void stop(List<GridNode> nodes) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    /** A key owned by a member other than {@code caller}'s: every call crosses the network. */
    static String remoteKey(GridNode caller, String prefix) {
        for (int i = 0; ; i++) {
            String key = prefix + i;
            if (!caller.hazelcast().getPartitionService().getPartition(key).getOwner().localMember()) {
                return key;
            }
        }
    }

    static String localKey(GridNode caller, String prefix) {
        for (int i = 0; ; i++) {
            String key = prefix + i;
            if (caller.hazelcast().getPartitionService().getPartition(key).getOwner().localMember()) {
                return key;
            }
        }
    }
}
