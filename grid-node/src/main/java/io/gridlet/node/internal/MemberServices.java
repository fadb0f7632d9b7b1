package io.gridlet.node.internal;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.gridlet.node.DeployLimits;
import io.gridlet.node.FunctionRegistry;
import io.gridlet.node.MemberStats;
import io.gridlet.node.internal.cluster.AsyncExecutor;
import io.gridlet.node.internal.cluster.HazelcastConfigFactory;
import io.gridlet.node.internal.cluster.MemberContext;
import io.gridlet.node.internal.cluster.NodeSettings;
import io.gridlet.node.internal.cluster.SplitBrainGuard;
import io.gridlet.node.internal.codec.PayloadCodec;
import io.gridlet.node.internal.deploy.GridDeployments;
import io.gridlet.node.internal.invoke.CallTracing;
import io.gridlet.node.internal.invoke.DeadlineSweeper;
import io.gridlet.node.internal.logs.ClusterLogs;
import io.gridlet.node.internal.logs.LogRing;
import io.gridlet.node.internal.invoke.PauseFence;
import io.gridlet.node.internal.invoke.caller.ClusterInvoker;
import io.gridlet.node.internal.invoke.caller.FunctionSpecs;
import io.gridlet.node.internal.invoke.caller.InvocationRecords;
import io.gridlet.node.internal.invoke.member.FunctionRuntime;
import io.gridlet.node.internal.invoke.wire.CallHandler;
import io.gridlet.node.internal.metrics.GridletMeters;
import io.gridlet.node.internal.registry.LocalFunctionRegistry;
import io.gridlet.node.internal.registry.RegisteredFunction;
import io.gridlet.node.internal.stats.ClusterStats;
import io.gridlet.node.internal.trigger.GridTriggers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of a member: builds its services in dependency order, each given what it
 * needs when it is constructed, and holds them for the member's life. Those that Hazelcast's own
 * threads must reach (the call handler, the deployments, the triggers, the meters) are registered
 * in the member's {@link MemberContext} as they are built.
 *
 * <p>Two phases, because Hazelcast's configuration must hold the call handler before the member
 * starts, and the deployments and triggers need the started member: first what the configuration
 * needs, then the member, then what needs the member. If anything after the member's start fails,
 * the member is terminated and what was built is closed before the error reaches the caller: no
 * half-started member stays in the cluster.
 */
public final class MemberServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MemberServices.class);
    /** Hazelcast's default for {@code hazelcast.max.no.heartbeat.seconds}, when the configuration leaves it unset. */
    private static final String DEFAULT_HEARTBEAT_TIMEOUT_SECONDS = "60";

    private final HazelcastInstance hazelcast;
    private final MeterRegistry meters;
    private final LocalFunctionRegistry functions;
    private final DeadlineSweeper deadlines;
    private final FunctionRuntime runtime;
    private final GridDeployments deployments;
    private final ClusterInvoker invoker;
    private final InvocationRecords invocations;
    private final ClusterStats stats;
    private final GridTriggers triggers;
    private final ClusterLogs logs;

    private MemberServices(HazelcastInstance hazelcast, MeterRegistry meters, LocalFunctionRegistry functions,
                           DeadlineSweeper deadlines, FunctionRuntime runtime, GridDeployments deployments,
                           ClusterInvoker invoker, InvocationRecords invocations, ClusterStats stats,
                           GridTriggers triggers, ClusterLogs logs) {
        this.logs = logs;
        this.hazelcast = hazelcast;
        this.meters = meters;
        this.functions = functions;
        this.deadlines = deadlines;
        this.runtime = runtime;
        this.deployments = deployments;
        this.invoker = invoker;
        this.invocations = invocations;
        this.stats = stats;
        this.triggers = triggers;
    }

    /**
     * What a member is given besides its cluster settings.
     *
     * @param meters               where its meters go
     * @param calls                how its invoker sends calls
     * @param deployLimits         bounds on deployed jars
     * @param idempotencyRetention how long a completed idempotent call's answer is kept
     * @param customizer           adjusts the Hazelcast configuration last, before the start
     * @param functions            registers functions before the member starts
     * @param logLines             the most function log lines the member keeps
     * @param hiddenInLogs         text never kept in a function log line (the node's tokens)
     * @param openTelemetry        the SDK calls are traced with, or {@code null} for no tracing
     */
    public record Options(MeterRegistry meters, ClusterInvoker.Options calls, DeployLimits deployLimits,
                          Duration idempotencyRetention, Consumer<Config> customizer,
                          Consumer<FunctionRegistry> functions, int logLines, List<String> hiddenInLogs,
                          io.opentelemetry.api.OpenTelemetry openTelemetry) {
        public Options {
            Objects.requireNonNull(meters, "meters");
            Objects.requireNonNull(calls, "calls");
            Objects.requireNonNull(deployLimits, "deployLimits");
            Objects.requireNonNull(idempotencyRetention, "idempotencyRetention");
            Objects.requireNonNull(customizer, "customizer");
            Objects.requireNonNull(functions, "functions");
            hiddenInLogs = List.copyOf(hiddenInLogs);
        }
    }

    /**
     * Starts a member and its services.
     *
     * @throws com.hazelcast.core.HazelcastException if the member cannot start, for example on a taken port;
     *                                               nothing is left running
     */
    public static MemberServices start(NodeSettings settings, Options options) {
        // What the configuration needs, before the member.
        SplitBrainGuard splitBrain = settings.splitBrainMinimum() > 0
                ? new SplitBrainGuard(settings.splitBrainMinimum(), settings.splitBrainToleranceMillis())
                : SplitBrainGuard.off();
        MeterRegistry meters = options.meters();
        PayloadCodec codec = new PayloadCodec();
        LocalFunctionRegistry functions = new LocalFunctionRegistry(codec, meters);
        options.functions().accept(functions);
        MemberContext context = new MemberContext();
        Config config = HazelcastConfigFactory.create(settings, context, splitBrain);
        options.customizer().accept(config);
        PauseFence fence = new PauseFence(Duration.ofSeconds(Long.parseLong(Objects.requireNonNullElse(
                config.getProperty("hazelcast.max.no.heartbeat.seconds"), DEFAULT_HEARTBEAT_TIMEOUT_SECONDS))));
        DeadlineSweeper deadlines = new DeadlineSweeper();
        LogRing logs = new LogRing(options.logLines(), options.hiddenInLogs(), meters);
        CallTracing tracing = CallTracing.of(options.openTelemetry());
        FunctionRuntime runtime = new FunctionRuntime(functions, deadlines, options.idempotencyRetention(),
                options.calls().invocationRetention(), meters, fence, splitBrain, logs, tracing);
        context.register(CallHandler.class, runtime).register(FunctionRuntime.class, runtime)
                .register(LocalFunctionRegistry.class, functions).register(MeterRegistry.class, meters)
                .register(LogRing.class, logs).register(CallTracing.class, tracing)
                .register(io.gridlet.node.internal.invoke.wire.CallBatches.class,
                        new io.gridlet.node.internal.invoke.wire.CallBatches())
                .register(io.gridlet.node.internal.invoke.wire.ChainedAnswers.class,
                        new io.gridlet.node.internal.invoke.wire.ChainedAnswers(meters));

        HazelcastInstance hazelcast;
        try {
            AsyncExecutor.install();
            hazelcast = Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException | Error e) {
            runtime.close();
            deadlines.close();
            throw e;
        }

        // What needs the member. Any failure from here on terminates it.
        GridDeployments deployments = null;
        ClusterInvoker invoker = null;
        GridTriggers triggers = null;
        try {
            splitBrain.bind(hazelcast);
            logs.memberStarted(hazelcast.getCluster().getLocalMember().getUuid().toString());
            deployments = new GridDeployments(hazelcast, functions, codec, options.deployLimits(), meters, splitBrain);
            runtime.memberStarted(hazelcast, deployments::loadMissing);
            FunctionSpecs specs = (name, version) -> {
                RegisteredFunction function = version == null ? functions.live(name) : functions.resolve(name, version);
                return function == null ? null : function.spec();
            };
            invoker = new ClusterInvoker(hazelcast, codec, specs, options.calls(), deadlines, meters, fence, splitBrain,
                    tracing);
            Gauge.builder(GridletMeters.CLUSTER_SIZE, hazelcast, instance -> instance.getLifecycleService().isRunning()
                            ? instance.getCluster().getMembers().size() : 0)
                    .description("Members in the cluster, as this member sees it")
                    .register(meters);
            Gauge.builder(GridletMeters.MEMBER_PARTITIONS, hazelcast, member -> member.getLifecycleService().isRunning() ? ClusterStats.ownedPartitions(member) : 0)
                    .description("Partitions this member owns")
                    .register(meters);
            InvocationRecords invocations = new InvocationRecords(hazelcast, codec);
            ClusterStats stats = new ClusterStats(hazelcast);
            ClusterLogs clusterLogs = new ClusterLogs(hazelcast);
            triggers = new GridTriggers(hazelcast, invoker, () -> stats.ask(Duration.ofSeconds(1)), splitBrain,
                    tracing);
            context.register(GridDeployments.class, deployments);
            deployments.start();
            context.register(GridTriggers.class, triggers);
            triggers.start();
            LOG.info("Gridlet member {} joined cluster {} of {} members", hazelcast.getCluster().getLocalMember()
                    .getAddress(), settings.clusterName(), hazelcast.getCluster().getMembers().size());
            return new MemberServices(hazelcast, meters, functions, deadlines, runtime, deployments, invoker,
                    invocations, stats, triggers, clusterLogs);
        } catch (RuntimeException | Error e) {
            LOG.error("Gridlet member could not start its services ({}); terminating it", e.toString());
            hazelcast.getLifecycleService().terminate();
            closeAll(triggers, deployments, invoker, runtime, deadlines);
            throw e;
        }
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    public MeterRegistry meters() {
        return meters;
    }

    public LocalFunctionRegistry functions() {
        return functions;
    }

    public GridDeployments deployments() {
        return deployments;
    }

    public GridTriggers triggers() {
        return triggers;
    }

    public ClusterInvoker invoker() {
        return invoker;
    }

    public InvocationRecords invocations() {
        return invocations;
    }

    public ClusterLogs logs() {
        return logs;
    }

    /** Asks every member what it holds, waiting at most {@code wait}. */
    public List<MemberStats> memberStats(Duration wait) {
        return stats.ask(wait);
    }

    /** Leaves the cluster gracefully, after this member's partitions have moved, then closes the services. */
    @Override
    public void close() {
        if (hazelcast.getLifecycleService().isRunning()) {
            LOG.info("Gridlet member {} leaving the cluster", hazelcast.getCluster().getLocalMember().getAddress());
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
        closeAll(triggers, deployments, invoker, runtime, deadlines);
    }

    /** Closes each service that was built, in reverse order of building; one failing does not stop the rest. */
    private static void closeAll(AutoCloseable... services) {
        for (AutoCloseable service : services) {
            if (service == null) {
                continue;
            }
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", service.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
