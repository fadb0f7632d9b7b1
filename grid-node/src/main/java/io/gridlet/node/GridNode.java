package io.gridlet.node;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.gridlet.node.deploy.DeployLimits;
import io.gridlet.node.deploy.Deployments;
import io.gridlet.node.deploy.GridDeployments;
import io.gridlet.node.internal.HazelcastConfigFactory;
import io.gridlet.node.trigger.GridTriggers;
import io.gridlet.node.trigger.Triggers;
import io.gridlet.node.internal.NodeSettings;
import io.gridlet.node.internal.SplitBrainGuard;
import io.gridlet.node.invoke.PauseFence;
import io.gridlet.node.invoke.caller.ClusterInvoker;
import io.gridlet.node.invoke.DeadlineSweeper;
import io.gridlet.node.invoke.member.FunctionRuntime;
import io.gridlet.node.invoke.caller.FunctionSpecs;
import io.gridlet.node.registry.RegisteredFunction;
import io.gridlet.node.invoke.wire.PayloadCodec;
import io.gridlet.node.metrics.GridletMeters;
import io.gridlet.node.registry.FunctionRegistry;
import io.gridlet.node.registry.LocalFunctionRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(GridNode.class);

    private final HazelcastInstance hazelcast;
    private final FunctionRegistry functions;
    private final FunctionRuntime runtime;
    private final ClusterInvoker invoker;
    private final MeterRegistry meterRegistry;
    private final PayloadCodec codec;
    private final GridDeployments deployments;
    private final DeadlineSweeper deadlines;
    private final Invocations invocations;
    private GridTriggers triggers;

    private GridNode(HazelcastInstance hazelcast, FunctionRegistry functions, FunctionRuntime runtime,
                     ClusterInvoker invoker, MeterRegistry meterRegistry, PayloadCodec codec,
                     GridDeployments deployments, DeadlineSweeper deadlines) {
        this.hazelcast = hazelcast;
        this.functions = functions;
        this.runtime = runtime;
        this.invoker = invoker;
        this.meterRegistry = meterRegistry;
        this.codec = codec;
        this.deployments = deployments;
        this.deadlines = deadlines;
        this.invocations = new Invocations(hazelcast, codec);
    }

    /** Triggers: functions fired by map events, schedules and topics. */
    public Triggers triggers() {
        return triggers;
    }

    /** Records of calls started asynchronously, readable by id from any member. */
    public Invocations invocations() {
        return invocations;
    }

    /** A builder with the defaults of a local development member. */
    public static Builder builder() {
        return new Builder();
    }

    /** The functions this member runs. */
    public FunctionRegistry functions() {
        return functions;
    }

    /** Functions deployed as jars, cluster-wide. */
    public Deployments deployments() {
        return deployments;
    }

    /** Sends calls to the grid. */
    public Invoker invoker() {
        return invoker;
    }

    /** The Hazelcast member underneath: maps, Jet, the cluster. */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** Where this member's meters are recorded. */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** The codec of payloads: how inputs and outputs are written as JSON. */
    public PayloadCodec codec() {
        return codec;
    }

    /**
     * Asks every member what it holds (partitions, entries per map, invocation counts, whether its
     * partitions are safe), and waits up to 10 s; a member that does not answer in time is left out.
     */
    public java.util.List<MemberStats> memberStats() {
        return memberStats(Duration.ofSeconds(10));
    }

    /**
     * As {@link #memberStats()}, waiting at most {@code wait} for all the answers together: a member
     * that does not answer in time (cut off, frozen or leaving) is left out, so the list may be
     * shorter than the member list. Never blocks longer than {@code wait}.
     */
    @SuppressWarnings("unchecked")
    public java.util.List<MemberStats> memberStats(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        var answers = hazelcast.getExecutorService(HazelcastConfigFactory.ADMIN_EXECUTOR)
                .submitToAllMembers(new io.gridlet.node.internal.MemberStatsTask());
        java.util.List<MemberStats> stats = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        // Wait for all of them together: a member cut off must not use up the others' time.
        while (System.nanoTime() - deadline < 0 && !answers.values().stream().allMatch(java.util.concurrent.Future::isDone)) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(2));
        }
        for (var answer : answers.values()) {
            if (!answer.isDone()) {
                continue;
            }
            try {
                java.util.Map<String, Object> raw = (java.util.Map<String, Object>) answer.get();
                java.util.Map<String, MemberStats.MapEntries> maps = new java.util.TreeMap<>();
                ((java.util.Map<String, long[]>) raw.get("maps")).forEach((name, counts) ->
                        maps.put(name, new MemberStats.MapEntries(counts[0], counts[1])));
                stats.add(new MemberStats(java.util.UUID.fromString((String) raw.get("uuid")),
                        (String) raw.get("address"), (Integer) raw.get("partitions"), maps,
                        (java.util.Map<String, Double>) raw.get("invocations"),
                        (java.util.Map<String, Double>) raw.get("triggers"),
                        Boolean.TRUE.equals(raw.get("safe"))));
            } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
                LOG.debug("A member did not report its stats", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stats.sort(java.util.Comparator.comparing(MemberStats::address));
        return stats;
    }

    /** This member. */
    public Member localMember() {
        return hazelcast.getCluster().getLocalMember();
    }

    /** Leaves the cluster gracefully, after this member's partitions have moved. Idempotent. */
    @Override
    public void close() {
        if (hazelcast.getLifecycleService().isRunning()) {
            LOG.info("Gridlet member {} leaving the cluster", localMember().getAddress());
            try {
                hazelcast.shutdown();
            } catch (RuntimeException e) {
                // Hazelcast's graceful shutdown can fail part way (Jet telling the other members it is
                // leaving raced with a membership change and threw "Connecting to self!"). The member
                // must still go: terminate it; its partitions' backups take over as after a crash.
                LOG.warn("Gridlet member could not leave gracefully ({}); terminating it", e.toString());
                hazelcast.getLifecycleService().terminate();
            }
        }
        if (triggers != null) {
            triggers.close();
        }
        deployments.close();
        invoker.close();
        runtime.close();
        deadlines.close();
    }

    /**
     * Builds and starts a member. Each setter checks its argument at once and says what was wrong.
     * Not thread-safe.
     */
    public static final class Builder {

        private static final int DEFAULT_PORT = 5701;
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
        private DeployLimits deployLimits = DeployLimits.DEFAULT;
        private Duration idempotencyRetention = Duration.ofHours(1);
        private Duration invocationRetention = Duration.ofHours(1);
        private Duration heartbeatInterval = Duration.ofSeconds(1);
        private Duration heartbeatTimeout = Duration.ofSeconds(10);
        private Duration mergeInterval = Duration.ofSeconds(10);
        private boolean failOnIndeterminateState = true;

        private Builder() {
        }

        /** The cluster to join; members with another name never join. Default {@code gridlet}. */
        public Builder clusterName(String clusterName) {
            if (clusterName == null || clusterName.isBlank()) {
                throw new IllegalArgumentException("clusterName must not be blank");
            }
            this.clusterName = clusterName;
            return this;
        }

        /** The address to bind to and announce. Default {@code 127.0.0.1}; {@code 0.0.0.0} binds every interface. */
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
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1 to 65535: " + port);
            }
            this.port = port;
            this.portCount = 1;
            return this;
        }

        /** Seed members for TCP discovery: {@code host}, {@code host:port} or {@code host:first-last}. */
        public Builder members(List<String> members) {
            Objects.requireNonNull(members, "members");
            List<String> expanded = HazelcastConfigFactory.expandMembers(members);
            if (expanded.isEmpty()) {
                throw new IllegalArgumentException("members must name at least one address");
            }
            this.members = expanded;
            return this;
        }

        public Builder members(String... members) {
            return members(List.of(members));
        }

        public Builder discovery(Discovery discovery) {
            this.discovery = Objects.requireNonNull(discovery, "discovery");
            return this;
        }

        /** The DNS name of the headless service; makes discovery {@link Discovery#KUBERNETES}. */
        public Builder kubernetesServiceDns(String serviceDns) {
            if (serviceDns == null || serviceDns.isBlank()) {
                throw new IllegalArgumentException("kubernetes service DNS must not be blank");
            }
            this.kubernetesServiceDns = serviceDns.trim();
            this.discovery = Discovery.KUBERNETES;
            return this;
        }

        /** Synchronous backups of every map. Default 1. */
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
         */
        public Builder heartbeatTimeout(Duration timeout) {
            requireWholeSeconds("heartbeatTimeout", timeout);
            this.heartbeatTimeout = timeout;
            return this;
        }

        /**
         * How often a member looks for another cluster of the same name to merge with, after a
         * network partition heals. Default 10 s.
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

        /** Where meters go. Default: a registry of this node's own. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /** Threads that run functions on this member. Default 4 per core, at least 16. */
        public Builder invocationThreads(int threads) {
            if (threads <= 0) {
                throw new IllegalArgumentException("invocationThreads must be positive: " + threads);
            }
            this.invocationThreads = threads;
            return this;
        }

        /** Calls that may wait for an invocation thread; past it, overloaded. Default 10,000. */
        public Builder invocationQueue(int capacity) {
            if (capacity <= 0) {
                throw new IllegalArgumentException("invocationQueue must be positive: " + capacity);
            }
            this.invocationQueue = capacity;
            return this;
        }

        /** Partitions of the grid; every member must use the same. Default 271. */
        public Builder partitionCount(int partitionCount) {
            if (partitionCount <= 0) {
                throw new IllegalArgumentException("partitionCount must be positive: " + partitionCount);
            }
            this.partitionCount = partitionCount;
            return this;
        }

        /** The deadline of calls to functions this member does not know the spec of. Default 30 s. */
        public Builder defaultTimeout(Duration timeout) {
            FunctionSpec.requireTimeout(timeout);
            this.defaultTimeout = timeout;
            return this;
        }

        /** How calls routed by map and key travel. Default {@link KeyRoutedTransport#EXECUTOR}. */
        public Builder keyRoutedTransport(KeyRoutedTransport transport) {
            this.keyRoutedTransport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Whether Hazelcast's JVM shutdown hook leaves the cluster gracefully at exit. Default on;
         * an application that manages the node's lifecycle turns it off and calls {@link #close()}.
         */
        public Builder shutdownHook(boolean enabled) {
            this.shutdownHook = enabled;
            return this;
        }

        /** How long a completed idempotent call's answer is kept for later calls with its key. Default 1 h. */
        public Builder idempotencyRetention(Duration retention) {
            FunctionSpec.requireTimeout(retention);
            this.idempotencyRetention = retention;
            return this;
        }

        /** How long the record of a call started asynchronously stays readable. Default 1 h. */
        public Builder invocationRetention(Duration retention) {
            FunctionSpec.requireTimeout(retention);
            this.invocationRetention = retention;
            return this;
        }

        /** Bounds on deployed jars. Default {@link DeployLimits#DEFAULT}. */
        public Builder deployLimits(DeployLimits limits) {
            this.deployLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Adjusts the Hazelcast configuration after Gridlet's settings, before the start: an escape hatch. */
        public Builder hazelcastConfig(Consumer<Config> customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Starts the member and joins the cluster.
         *
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
            SplitBrainGuard splitBrain = splitBrainMinimum > 0
                    ? new SplitBrainGuard(splitBrainMinimum, settings.splitBrainToleranceMillis()) : SplitBrainGuard.off();
            MeterRegistry meters = meterRegistry == null ? new SimpleMeterRegistry() : meterRegistry;
            PayloadCodec codec = new PayloadCodec();
            LocalFunctionRegistry functions = new LocalFunctionRegistry(codec, meters);
            DeadlineSweeper deadlines = new DeadlineSweeper();
            FunctionRuntime runtime = new FunctionRuntime(functions, deadlines, idempotencyRetention,
                    invocationRetention, meters);
            Config config = HazelcastConfigFactory.create(settings, Map.of(FunctionRuntime.USER_CONTEXT_KEY, runtime,
                    io.gridlet.node.internal.MemberStatsTask.METERS_KEY, meters), splitBrain);
            customizer.accept(config);
            HazelcastInstance hazelcast;
            try {
                io.gridlet.node.internal.AsyncExecutor.install();
                hazelcast = Hazelcast.newHazelcastInstance(config);
            } catch (RuntimeException e) {
                runtime.close();
                deadlines.close();
                throw e;
            }
            runtime.memberStarted(hazelcast);
            splitBrain.bind(hazelcast);
            runtime.splitBrainGuard(splitBrain);
            PauseFence fence = new PauseFence(Duration.ofSeconds(Long.parseLong(java.util.Objects.requireNonNullElse(
                    config.getProperty("hazelcast.max.no.heartbeat.seconds"), "60"))));
            runtime.pauseFence(fence);
            FunctionSpecs specs = (name, version) -> {
                RegisteredFunction function = version == null ? functions.live(name) : functions.resolve(name, version);
                return function == null ? null : function.spec();
            };
            ClusterInvoker invoker = new ClusterInvoker(hazelcast, codec, specs, keyRoutedTransport,
                    defaultTimeout, deadlines, invocationRetention, meters);
            invoker.pauseFence(fence);
            invoker.splitBrainGuard(splitBrain);
            Gauge.builder(GridletMeters.CLUSTER_SIZE, hazelcast, instance -> instance.getLifecycleService().isRunning()
                            ? instance.getCluster().getMembers().size() : 0)
                    .description("Members in the cluster, as this member sees it")
                    .register(meters);
            GridDeployments deployments = new GridDeployments(hazelcast, functions, codec, deployLimits, meters,
                    splitBrain);
            runtime.missingFunctionLoader(deployments::loadMissing);
            deployments.start();
            LOG.info("Gridlet member {} joined cluster {} of {} members", hazelcast.getCluster().getLocalMember()
                    .getAddress(), clusterName, hazelcast.getCluster().getMembers().size());
            GridNode node = new GridNode(hazelcast, functions, runtime, invoker, meters, codec, deployments, deadlines);
            node.triggers = new GridTriggers(hazelcast, invoker, () -> node.memberStats(Duration.ofSeconds(1)), splitBrain);
            node.triggers.start();
            return node;
        }
    }
}
