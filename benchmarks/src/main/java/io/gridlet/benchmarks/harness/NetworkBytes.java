package io.gridlet.benchmarks.harness;

import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.metrics.MetricDescriptor;
import com.hazelcast.internal.metrics.MetricsRegistry;
import com.hazelcast.internal.metrics.collectors.MetricsCollector;

/**
 * Bytes a Hazelcast client moved over its connections, from Hazelcast's own network metrics: the
 * {@code bytesRead} and {@code bytesWritten} of each connection's pipelines. Internal API, read
 * only by the harness; a difference of two readings around N operations is what those operations
 * cost on the wire, framing included. The pipeline counters are debug-level probes:
 * {@link #enable()} must run before the clients are created.
 */
final class NetworkBytes {

    private NetworkBytes() {
    }

    /** Turns on the clients' debug-level metrics, which hold the per-connection byte counters. */
    static void enable() {
        System.setProperty("hazelcast.client.metrics.debug.enabled", "true");
    }

    /** Bytes received and sent by the client so far: {@code [in, out]}. */
    static long[] of(HazelcastInstance client) {
        if (!(client instanceof HazelcastClientProxy proxy)) {
            throw new IllegalArgumentException("not a Hazelcast client: " + client);
        }
        MetricsRegistry registry = proxy.client.getMetricsRegistry();
        long[] bytes = new long[2];
        registry.collect(new MetricsCollector() {
            @Override
            public void collectLong(MetricDescriptor descriptor, long value) {
                if ("tcp.connection.in".equals(descriptor.prefix()) && "bytesRead".equals(descriptor.metric())) {
                    bytes[0] += value;
                } else if ("tcp.connection.out".equals(descriptor.prefix()) && "bytesWritten".equals(descriptor.metric())) {
                    bytes[1] += value;
                }
            }

            @Override
            public void collectDouble(MetricDescriptor descriptor, double value) {
                // no byte counter is a double
            }

            @Override
            public void collectException(MetricDescriptor descriptor, Exception e) {
                // a probe that failed to read counts nothing
            }

            @Override
            public void collectNoValue(MetricDescriptor descriptor) {
                // nothing to count
            }
        });
        return bytes;
    }

    /** Average bytes on the wire (in plus out) per call of {@code operation}, over {@code count} calls. */
    static double perOperation(HazelcastInstance client, int count, java.util.concurrent.Callable<?> operation)
            throws Exception {
        long[] before = of(client);
        for (int i = 0; i < count; i++) {
            operation.call();
        }
        long[] after = of(client);
        return ((after[0] - before[0]) + (after[1] - before[1])) / (double) count;
    }
}
