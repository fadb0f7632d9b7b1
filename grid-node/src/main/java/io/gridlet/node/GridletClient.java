package io.gridlet.node;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.RoutingMode;
import com.hazelcast.core.HazelcastInstance;
import io.gridlet.node.internal.deploy.CatalogView;
import io.gridlet.node.internal.cluster.SplitBrainGuard;
import io.gridlet.node.internal.invoke.CallTracing;
import io.gridlet.node.internal.invoke.caller.ClusterInvoker;
import io.gridlet.node.internal.invoke.caller.InvocationRecords;
import io.gridlet.node.internal.invoke.DeadlineSweeper;
import io.gridlet.node.internal.codec.PayloadCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Invokes functions on a Gridlet grid from a JVM that is not a member: the same {@link Invoker}
 * as an embedded node, over a Hazelcast client that routes each call straight to the member that
 * owns its key, so a call costs one network hop to the data's owner.
 *
 * <pre>{@code
 * try (GridletClient client = GridletClient.builder().clusterName("shop").addresses("10.0.0.5:5701").connect()) {
 *     long left = client.invoker().invokeOnKey("stock.reserve", "stock", "apple", 1L, Long.class);
 * }
 * }</pre>
 *
 * <p>Thread-safe. It reads the catalog of deployed functions once and follows its changes, so it
 * knows each function's timeout and whether it is transactional without asking per call.
 */
public final class GridletClient implements AutoCloseable {

    private final HazelcastInstance hazelcast;
    private final ClusterInvoker invoker;
    private final CatalogView catalog;
    private final DeadlineSweeper deadlines;
    private final Invocations invocations;

    private GridletClient(HazelcastInstance hazelcast, ClusterInvoker invoker, CatalogView catalog,
                          DeadlineSweeper deadlines, Invocations invocations) {
        this.hazelcast = hazelcast;
        this.invoker = invoker;
        this.catalog = catalog;
        this.deadlines = deadlines;
        this.invocations = invocations;
    }

    /** {@return a builder: cluster {@code gridlet} at {@code 127.0.0.1:5701} unless set} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the invoker, which sends calls to the grid} */
    public Invoker invoker() {
        return invoker;
    }

    /** {@return the records of calls started asynchronously, readable by id} */
    public Invocations invocations() {
        return invocations;
    }

    /** {@return the Hazelcast client underneath: maps of the grid, the cluster} */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    @Override
    public void close() {
        invoker.close();
        deadlines.close();
        if (hazelcast.getLifecycleService().isRunning()) {
            catalog.close();
            hazelcast.shutdown();
        }
    }

    /** Builds and connects a client. Each setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private String clusterName = "gridlet";
        private final List<String> addresses = new ArrayList<>();
        private MeterRegistry meterRegistry;
        private Duration defaultTimeout = Duration.ofMillis(io.gridlet.api.Function.DEFAULT_TIMEOUT_MILLIS);
        private KeyRoutedTransport keyRoutedTransport = KeyRoutedTransport.EXECUTOR;
        private Duration invocationRetention = Duration.ofHours(1);
        private io.opentelemetry.api.OpenTelemetry openTelemetry;

        private Builder() {
        }

        /**
         * The cluster to connect to. Default {@code gridlet}.
         *
         * @param clusterName the cluster's name
         * @return this builder
         */
        public Builder clusterName(String clusterName) {
            if (clusterName == null || clusterName.isBlank()) {
                throw new IllegalArgumentException("clusterName must not be blank");
            }
            this.clusterName = clusterName;
            return this;
        }

        /**
         * Members to connect to first: {@code host:port}; the client then learns the rest.
         *
         * @param addresses {@code host:port} each
         * @return this builder
         */
        public Builder addresses(String... addresses) {
            for (String address : addresses) {
                if (address == null || address.isBlank()) {
                    throw new IllegalArgumentException("address must not be blank");
                }
                this.addresses.add(address.trim());
            }
            return this;
        }

        /**
         * Members to connect to first: {@code host:port}; the client then learns the rest.
         *
         * @param addresses {@code host:port} each
         * @return this builder
         */
        public Builder addresses(List<String> addresses) {
            return addresses(addresses.toArray(new String[0]));
        }

        /**
         * Where the client's meters go. Default: a registry of its own.
         *
         * @param meterRegistry the registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /**
         * The deadline of calls to functions the catalog does not know. Default 30 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder defaultTimeout(Duration timeout) {
            FunctionSpec.requireTimeout(timeout);
            this.defaultTimeout = timeout;
            return this;
        }

        /**
         * How long the record of a call started asynchronously stays readable. Default 1 h.
         *
         * @param retention positive
         * @return this builder
         */
        public Builder invocationRetention(Duration retention) {
            FunctionSpec.requireTimeout(retention);
            this.invocationRetention = retention;
            return this;
        }

        /**
         * Traces calls with this OpenTelemetry SDK: each call's span is a child of the caller's
         * current context, and its context travels to the member. Default: no tracing.
         *
         * @param sdk the SDK
         * @return this builder
         */
        public Builder openTelemetry(io.opentelemetry.api.OpenTelemetry sdk) {
            this.openTelemetry = Objects.requireNonNull(sdk, "sdk");
            return this;
        }

        /**
         * How calls routed by map and key travel. Default {@link KeyRoutedTransport#EXECUTOR}.
         *
         * @param transport the transport
         * @return this builder
         */
        public Builder keyRoutedTransport(KeyRoutedTransport transport) {
            this.keyRoutedTransport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Connects to the cluster.
         *
         * @return the client, connected
         * @throws IllegalStateException if no member can be reached
         */
        public GridletClient connect() {
            ClientConfig config = new ClientConfig();
            config.setClusterName(clusterName);
            config.setProperty("hazelcast.logging.type", "slf4j");
            config.getNetworkConfig().addAddress(addresses.isEmpty()
                    ? new String[] {"127.0.0.1:5701"} : addresses.toArray(new String[0]));
            config.getNetworkConfig().getClusterRoutingConfig().setRoutingMode(RoutingMode.ALL_MEMBERS);
            config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(30_000);
            // A call by key is answered by its backup once it has the change, or (two backups or
            // more) with the count of backups to wait for, which confirm straight to this client:
            // one whose backups did not confirm in time (a backup member cut off or dead) must
            // fail as indeterminate, as on a member, not pass as done, or an acknowledged change
            // could be lost with the owner.
            config.setProperty("hazelcast.client.operation.fail.on.indeterminate.state", "true");
            // Written by the thread that sends it, as on the members.
            io.gridlet.node.internal.cluster.HazelcastConfigFactory.writeThrough(config::setProperty,
                    io.gridlet.node.internal.cluster.HazelcastConfigFactory.CLIENT_CONCURRENT_WINDOW);
            io.gridlet.node.internal.cluster.AsyncExecutor.install();
            HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
            DeadlineSweeper deadlines = null;
            try {
                MeterRegistry meters = meterRegistry == null ? new SimpleMeterRegistry() : meterRegistry;
                CatalogView catalog = new CatalogView(client);
                deadlines = new DeadlineSweeper();
                PayloadCodec codec = new PayloadCodec();
                ClusterInvoker invoker = new ClusterInvoker(client, codec, catalog,
                        new ClusterInvoker.Options(keyRoutedTransport, defaultTimeout, invocationRetention), deadlines,
                        meters, null, SplitBrainGuard.off(), CallTracing.of(openTelemetry));
                return new GridletClient(client, invoker, catalog, deadlines, new InvocationRecords(client, codec));
            } catch (RuntimeException | Error e) {
                // Nothing half-built stays connected.
                if (deadlines != null) {
                    deadlines.close();
                }
                client.shutdown();
                throw e;
            }
        }
    }
}
