package io.gridlet.node;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.gridlet.node.internal.MemberServices;
import io.gridlet.node.internal.cluster.HazelcastConfigFactory;
import io.gridlet.node.internal.cluster.NodeSettings;
import io.gridlet.node.internal.invoke.caller.ClusterInvoker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A Gridlet member embedded in this JVM: a Hazelcast member of the grid, plus the runtime that
 * runs functions on it and an invoker that sends calls to the member owning their data.
 *
 * <pre>{@code
 * try (GridNode node = GridNode.builder().clusterName("shop").port(5701).start()) {
 *     node.functions().register(OrderTotal.class);
 *     Object total = node.invoker().invokeOnKey("orders.total", "orders", "o-1", null, Object.class);
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} leaves the cluster gracefully: this member's partitions move
 * to the others before it stops.
 */
public final class GridNode implements AutoCloseable {

    private final MemberServices services;

    private GridNode(MemberServices services) {
        this.services = services;
    }

    /** {@return a builder with the defaults of a local development member} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the functions this member runs} */
    public FunctionRegistry functions() {
        return services.functions();
    }

    /** {@return the functions deployed as jars, cluster-wide} */
    public Deployments deployments() {
        return services.deployments();
    }

    /** {@return the triggers: functions fired by map events, schedules and topics} */
    public Triggers triggers() {
        return services.triggers();
    }

    /** {@return the invoker, which sends calls to the grid} */
    public Invoker invoker() {
        return services.invoker();
    }

    /** {@return the log lines of functions, read from every member} */
    public FunctionLogs logs() {
        return services.logs();
    }

    /** {@return the records of calls started asynchronously, readable by id from any member} */
    public Invocations invocations() {
        return services.invocations();
    }

    /** {@return the Hazelcast member underneath: maps, Jet, the cluster} */
    public HazelcastInstance hazelcast() {
        return services.hazelcast();
    }

    /** {@return where this member's meters are recorded} */
    public MeterRegistry meterRegistry() {
        return services.meters();
    }

    /**
     * Asks every member what it holds (partitions, entries per map, invocation counts, whether its
     * partitions are safe), and waits up to 10 s; a member that does not answer in time is left out.
     *
     * @return the members' answers, by address
     */
    public List<MemberStats> memberStats() {
        return memberStats(Duration.ofSeconds(10));
    }

    /**
     * As {@link #memberStats()}, waiting at most {@code wait} for all the answers together: a member
     * that does not answer in time (cut off, frozen or leaving) is left out, so the list may be
     * shorter than the member list. Never blocks longer than {@code wait}.
     *
     * @param wait the longest wait for all answers together
     * @return the answers that came in time, by address
     */
    public List<MemberStats> memberStats(Duration wait) {
        return services.memberStats(Objects.requireNonNull(wait, "wait"));
    }

    /** {@return this member} */
    public Member localMember() {
        return services.hazelcast().getCluster().getLocalMember();
    }

    /** Leaves the cluster gracefully, after this member's partitions have moved. Idempotent. */
    @Override
    public void close() {
        services.close();
    }

    /**
     * Builds and starts a member. Each setter checks its argument at once and says what was wrong.
     * Not thread-safe.
     */
    public static final class Builder {

        private static final int DEFAULT_PORT = 5701;
        /** The function log lines a member keeps by default. */
        public static final int DEFAULT_LOG_LINES = 10_000;
        private static final int DEFAULT_PORT_COUNT = 3;
        private String clusterName = "gridlet";
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        /** Ports tried from {@link #port}: the default range, or only the port the caller set. */
        private int portCount = DEFAULT_PORT_COUNT;
        private List<String> members = HazelcastConfigFactory.expandMembers(
                List.of("127.0.0.1:" + DEFAULT_PORT + "-" + (DEFAULT_PORT + DEFAULT_PORT_COUNT - 1)));
        private Discovery discovery = Discovery.TCP;
        private String kubernetesServiceDns;
        private int backupCount = 1;
        private List<String> deserializablePrefixes = List.of();
        private int splitBrainMinimum;
        private MeterRegistry meterRegistry;
        private int invocationThreads = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
        private int invocationQueue = 10_000;
        private int partitionCount = 271;
        private Duration defaultTimeout = Duration.ofMillis(io.gridlet.api.Function.DEFAULT_TIMEOUT_MILLIS);
        private KeyRoutedTransport keyRoutedTransport = KeyRoutedTransport.EXECUTOR;
        private boolean shutdownHook = true;
        private Consumer<Config> customizer = config -> { };
        private Consumer<FunctionRegistry> functions = registry -> { };
        private int logLines = DEFAULT_LOG_LINES;
        private List<String> hiddenInLogs = List.of();
        private io.opentelemetry.api.OpenTelemetry openTelemetry;
        private DeployLimits deployLimits = DeployLimits.DEFAULT;
        private Duration idempotencyRetention = Duration.ofHours(1);
        private Duration invocationRetention = Duration.ofHours(1);
        private Duration heartbeatInterval = Duration.ofSeconds(1);
        private Duration heartbeatTimeout = Duration.ofSeconds(10);
        private Duration mergeInterval = Duration.ofSeconds(10);
        private boolean failOnIndeterminateState = true;

        private Builder() {
        }

        /**
         * The cluster to join; members with another name never join. Default {@code gridlet}.
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
         * The address to bind to and announce. Default {@code 127.0.0.1}; {@code 0.0.0.0} binds every interface.
         *
         * @param host an address of this machine, or {@code 0.0.0.0}
         * @return this builder
         */
        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host.trim();
            return this;
        }

        /**
         * The member port. A port set here that is taken fails the start; no other is tried. By
         * default the first free port of 5701 to 5703, the default seed members, so that members
         * started on their defaults on one machine find each other.
         *
         * @param port 1 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1 to 65535: " + port);
            }
            this.port = port;
            this.portCount = 1;
            return this;
        }

        /**
         * Seed members for TCP discovery: {@code host}, {@code host:port} or {@code host:first-last}.
         *
         * @param members {@code host}, {@code host:port} or {@code host:first-last} each
         * @return this builder
         */
        public Builder members(List<String> members) {
            Objects.requireNonNull(members, "members");
            List<String> expanded = HazelcastConfigFactory.expandMembers(members);
            if (expanded.isEmpty()) {
                throw new IllegalArgumentException("members must name at least one address");
            }
            this.members = expanded;
            return this;
        }

        /**
         * Seed members for TCP discovery: {@code host}, {@code host:port} or {@code host:first-last}.
         *
         * @param members the seeds
         * @return this builder
         */
        public Builder members(String... members) {
            return members(List.of(members));
        }

        /**
         * How the member finds the others. Default {@link Discovery#TCP}, through the seed members.
         *
         * @param discovery the mechanism
         * @return this builder
         */
        public Builder discovery(Discovery discovery) {
            this.discovery = Objects.requireNonNull(discovery, "discovery");
            return this;
        }

        /**
         * The DNS name of the headless service; makes discovery {@link Discovery#KUBERNETES}.
         *
         * @param serviceDns the headless service's DNS name
         * @return this builder
         */
        public Builder kubernetesServiceDns(String serviceDns) {
            if (serviceDns == null || serviceDns.isBlank()) {
                throw new IllegalArgumentException("kubernetes service DNS must not be blank");
            }
            this.kubernetesServiceDns = serviceDns.trim();
            this.discovery = Discovery.KUBERNETES;
            return this;
        }

        /**
         * Synchronous backups of every map. Default 1.
         *
         * @param backupCount 0 to 6
         * @return this builder
         */
        public Builder backupCount(int backupCount) {
            if (backupCount < 0 || backupCount > 6) {
                throw new IllegalArgumentException("backupCount must be 0 to 6: " + backupCount);
            }
            this.backupCount = backupCount;
            return this;
        }

        /**
         * Packages whose classes the member may read with Java deserialization, besides Gridlet's,
         * Hazelcast's and the JDK's (for example {@code com.acme.orders.} when functions keep
         * {@code Serializable} objects of that package in maps). Any other class is refused: a
         * payload naming an unknown class cannot make the member load it.
         *
         * @param packagePrefixes package name prefixes, such as {@code com.acme.orders.}
         * @return this builder
         */
        public Builder allowDeserialization(List<String> packagePrefixes) {
            for (String prefix : packagePrefixes) {
                if (prefix == null || prefix.isBlank() || prefix.equals("java") || prefix.equals(".")) {
                    throw new IllegalArgumentException("a deserialization prefix must name a package: '" + prefix + "'");
                }
            }
            this.deserializablePrefixes = List.copyOf(packagePrefixes);
            return this;
        }

        /**
         * Split-brain protection: a member that has not heard from this many members (itself
         * included) within half the heartbeat timeout refuses writes to user maps, deploys,
         * activations, trigger changes and calls ({@link io.gridlet.api.UnavailableException});
         * its schedules and topic triggers do not fire, and map-event triggers' jobs do not
         * restart. When a partition heals, the larger side's entries win the merge. Default 0,
         * off. Set it to a majority ({@code members / 2 + 1}).
         *
         * @param minimumMembers a majority of the cluster, or 0 for off
         * @return this builder
         */
        public Builder splitBrainProtection(int minimumMembers) {
            if (minimumMembers < 0 || minimumMembers == 1) {
                throw new IllegalArgumentException("split-brain protection needs at least 2 members, or 0 for off: "
                        + minimumMembers);
            }
            this.splitBrainMinimum = minimumMembers;
            return this;
        }

        /**
         * How often members tell each other they are alive. Default 1 s. Split-brain protection
         * is re-evaluated at this pace.
         *
         * @param interval whole seconds, at least 1
         * @return this builder
         */
        public Builder heartbeatInterval(Duration interval) {
            requireWholeSeconds("heartbeatInterval", interval);
            this.heartbeatInterval = interval;
            return this;
        }

        /**
         * Silence after which a member is declared dead and its partitions move to the others.
         * Default 10 s. Split-brain protection counts a member only if it was heard from within
         * half of it, so a member cut off refuses writes before its peers are removed. At least
         * three heartbeat intervals (checked at {@link #start()}, as the two are set apart).
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder heartbeatTimeout(Duration timeout) {
            requireWholeSeconds("heartbeatTimeout", timeout);
            this.heartbeatTimeout = timeout;
            return this;
        }

        /**
         * How often a member looks for another cluster of the same name to merge with, after a
         * network partition heals. Default 10 s.
         *
         * @param interval whole seconds, at least 1
         * @return this builder
         */
        public Builder mergeInterval(Duration interval) {
            requireWholeSeconds("mergeInterval", interval);
            this.mergeInterval = interval;
            return this;
        }

        /**
         * Whether a write whose backups did not confirm it in time fails as indeterminate
         * ({@link io.gridlet.api.OutcomeUnknownException} for a call, sent again under an
         * idempotency key) instead of passing as done. Default on: passed, such a write could be
         * acknowledged and then lost with its member, or at the merge after a network partition.
         * Off trades that safety for fewer errors while a backup member is unreachable.
         *
         * @param enabled on or off
         * @return this builder
         */
        public Builder failOnIndeterminateState(boolean enabled) {
            this.failOnIndeterminateState = enabled;
            return this;
        }

        private static void requireWholeSeconds(String name, Duration duration) {
            Objects.requireNonNull(duration, name);
            if (duration.toSeconds() < 1 || duration.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException(name + " must be a whole number of seconds, at least 1: " + duration);
            }
        }

        /**
         * Where meters go. Default: a registry of this node's own.
         *
         * @param meterRegistry the registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /**
         * Threads that run functions on this member. Default 4 per core, at least 16.
         *
         * @param threads positive
         * @return this builder
         */
        public Builder invocationThreads(int threads) {
            if (threads <= 0) {
                throw new IllegalArgumentException("invocationThreads must be positive: " + threads);
            }
            this.invocationThreads = threads;
            return this;
        }

        /**
         * Calls that may wait for an invocation thread; past it, overloaded. Default 10,000.
         *
         * @param capacity positive
         * @return this builder
         */
        public Builder invocationQueue(int capacity) {
            if (capacity <= 0) {
                throw new IllegalArgumentException("invocationQueue must be positive: " + capacity);
            }
            this.invocationQueue = capacity;
            return this;
        }

        /**
         * Partitions of the grid; every member must use the same. Default 271.
         *
         * @param partitionCount positive; the same on every member
         * @return this builder
         */
        public Builder partitionCount(int partitionCount) {
            if (partitionCount <= 0) {
                throw new IllegalArgumentException("partitionCount must be positive: " + partitionCount);
            }
            this.partitionCount = partitionCount;
            return this;
        }

        /**
         * The deadline of calls to functions this member does not know the spec of. Default 30 s.
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
         * Whether Hazelcast's JVM shutdown hook leaves the cluster gracefully at exit. Default on;
         * an application that manages the node's lifecycle turns it off and calls {@link #close()}.
         *
         * @param enabled on or off
         * @return this builder
         */
        public Builder shutdownHook(boolean enabled) {
            this.shutdownHook = enabled;
            return this;
        }

        /**
         * How long a completed idempotent call's answer is kept for later calls with its key. Default 1 h.
         *
         * @param retention positive
         * @return this builder
         */
        public Builder idempotencyRetention(Duration retention) {
            FunctionSpec.requireTimeout(retention);
            this.idempotencyRetention = retention;
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
         * Bounds on deployed jars. Default {@link DeployLimits#DEFAULT}.
         *
         * @param limits the bounds
         * @return this builder
         */
        public Builder deployLimits(DeployLimits limits) {
            this.deployLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * How many function log lines this member keeps, of every function: past it, the oldest
         * are dropped and counted. Default {@value #DEFAULT_LOG_LINES}.
         *
         * @param lines at least 1
         * @return this builder
         */
        public Builder logLines(int lines) {
            if (lines < 1) {
                throw new IllegalArgumentException("logLines must be at least 1: " + lines);
            }
            this.logLines = lines;
            return this;
        }

        /**
         * Text never kept in a function log line, such as the node's bearer tokens: each is
         * replaced by {@code ***}. Text shorter than 8 characters is not looked for.
         *
         * @param secrets the text
         * @return this builder
         */
        public Builder hideInLogs(List<String> secrets) {
            this.hiddenInLogs = List.copyOf(Objects.requireNonNull(secrets, "secrets"));
            return this;
        }

        /**
         * Traces calls with this OpenTelemetry SDK: a call's span is a child of the caller's
         * current context, its context travels to the member that runs it, and the member's span
         * of the run is a child of the call's (W3C trace context); the call's log lines carry the
         * trace id. Default: no tracing, which costs a call nothing.
         *
         * @param sdk the SDK, with its exporter and sampler
         * @return this builder
         */
        public Builder openTelemetry(io.opentelemetry.api.OpenTelemetry sdk) {
            this.openTelemetry = Objects.requireNonNull(sdk, "sdk");
            return this;
        }

        /**
         * Registers functions before the member joins: a call that reaches it while it takes its
         * first partitions finds them. Functions registered after {@link #start()} are there only
         * from then on.
         *
         * @param registrations registers the member's functions, as {@link GridNode#functions()} would
         * @return this builder
         */
        public Builder functions(Consumer<FunctionRegistry> registrations) {
            this.functions = Objects.requireNonNull(registrations, "registrations");
            return this;
        }

        /**
         * Adjusts the Hazelcast configuration after Gridlet's settings, before the start: an escape hatch.
         *
         * @param customizer changes the configuration in place
         * @return this builder
         */
        public Builder hazelcastConfig(Consumer<Config> customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Starts the member and joins the cluster.
         *
         * @return the member, started and in the cluster
         * @throws IllegalStateException if the settings do not fit together
         * @throws com.hazelcast.core.HazelcastException if the member cannot start, for example on a taken port
         */
        public GridNode start() {
            if (discovery == Discovery.KUBERNETES && kubernetesServiceDns == null) {
                throw new IllegalStateException("discovery kubernetes needs a service DNS name");
            }
            if (heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(3)) < 0) {
                throw new IllegalStateException("heartbeatTimeout (" + heartbeatTimeout.toSeconds()
                        + " s) must be at least three heartbeat intervals (" + heartbeatInterval.toSeconds() + " s each)");
            }
            NodeSettings settings = new NodeSettings(clusterName, host, port, portCount, members, discovery,
                    kubernetesServiceDns, backupCount, invocationThreads, invocationQueue, partitionCount,
                    shutdownHook, deserializablePrefixes, splitBrainMinimum, heartbeatInterval, heartbeatTimeout,
                    mergeInterval, failOnIndeterminateState);
            return new GridNode(MemberServices.start(settings, new MemberServices.Options(
                    meterRegistry == null ? new SimpleMeterRegistry() : meterRegistry,
                    new ClusterInvoker.Options(keyRoutedTransport, defaultTimeout, invocationRetention),
                    deployLimits, idempotencyRetention, customizer, functions, logLines, hiddenInLogs,
                    openTelemetry)));
        }
    }
}
