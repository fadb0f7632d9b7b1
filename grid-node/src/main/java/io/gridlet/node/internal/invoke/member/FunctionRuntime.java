package io.gridlet.node.internal.invoke.member;

import io.gridlet.node.internal.cluster.MemberContext;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.exception.RetryableHazelcastException;
import com.hazelcast.transaction.TransactionContext;
import com.hazelcast.internal.util.ThreadUtil;
import io.gridlet.node.internal.cluster.SplitBrainGuard;
import io.gridlet.node.internal.invoke.DeadlineSweeper;
import io.gridlet.node.internal.invoke.PauseFence;
import io.gridlet.node.internal.invoke.wire.CallHandler;
import io.gridlet.node.internal.invoke.wire.InvocationRequest;
import io.gridlet.node.internal.invoke.wire.InvocationResponse;
import io.gridlet.node.internal.invoke.wire.InvokeEntryProcessor;
import io.gridlet.node.internal.invoke.wire.InvokeReadOnlyProcessor;
import io.gridlet.node.Payload;
import io.gridlet.node.internal.invoke.wire.Status;
import io.gridlet.node.internal.invoke.wire.StoredInvocation;
import io.gridlet.node.internal.metrics.GridletMeters;
import io.gridlet.node.internal.metrics.Outcome;
import io.gridlet.node.internal.invoke.CallTracing;
import io.gridlet.node.internal.invoke.InvocationIds;
import io.gridlet.node.internal.logs.LogRing;
import io.gridlet.node.internal.registry.LocalFunctionRegistry;
import io.gridlet.node.internal.registry.RegisteredFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs calls on the member they were sent to: resolves the function, takes a bulkhead permit or
 * answers overloaded at once, decodes the input with the function's decoder, runs the function on
 * the calling thread (an invocation-executor thread, never a partition thread) under a deadline,
 * applies the routed entry's change and encodes the output. Every outcome is counted.
 *
 * <p>A call with an idempotency key completes at most once per key: its record, in the routing
 * key's partition, holds the first completion's answer, which later calls get back. A
 * transactional function's writes, its routed entry and that record commit in one TWO_PHASE
 * transaction, so a member's death leaves all of them or none.
 *
 * <p>Thread-safe; one per member, found through the member's {@link io.gridlet.node.internal.cluster.MemberContext}.
 */
public final class FunctionRuntime implements CallHandler, AutoCloseable {

    /** Where idempotency records live, keyed by function and idempotency key, partitioned by routing key. */
    public static final String IDEMPOTENCY_MAP = "gridlet.idempotency";

    private final LocalFunctionRegistry registry;
    private final Counter unknownFunction;
    private final Duration invocationRetention;
    private final Map<UUID, InvocationContext> running = new ConcurrentHashMap<>();
    private final KeyLocks keyLocks = new KeyLocks();
    private final PlainExecution plain;
    private final IdempotentExecution idempotent;
    private final TransactionalExecution transactional;
    private volatile com.hazelcast.internal.serialization.SerializationService serialization;
    private volatile UUID localMember = new UUID(0, 0);
    private volatile HazelcastInstance hazelcast;
    private volatile MissingFunctionLoader missingFunctionLoader = (name, version) -> false;
    private final PauseFence fence;
    private final SplitBrainGuard splitBrain;

    /**
     * @param fence      fences this member's calls after a freeze
     * @param splitBrain refuses calls while this member has lost its quorum
     * @param logs       where this member keeps its functions' log lines
     * @param tracing    traces the calls this member runs, or is off
     */
    public FunctionRuntime(LocalFunctionRegistry registry, DeadlineSweeper deadlines, Duration idempotencyRetention,
                           Duration invocationRetention, MeterRegistry meterRegistry, PauseFence fence,
                           SplitBrainGuard splitBrain, LogRing logs, CallTracing tracing) {
        this.fence = Objects.requireNonNull(fence, "fence");
        this.splitBrain = Objects.requireNonNull(splitBrain, "splitBrain");
        this.registry = Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(idempotencyRetention, "idempotencyRetention");
        this.invocationRetention = Objects.requireNonNull(invocationRetention, "invocationRetention");
        this.unknownFunction = Counter.builder(GridletMeters.FUNCTION_INVOCATIONS)
                .description("Invocations finished on this member, by outcome")
                .tag(GridletMeters.TAG_FUNCTION, GridletMeters.UNKNOWN)
                .tag(GridletMeters.TAG_VERSION, GridletMeters.UNKNOWN)
                .tag(GridletMeters.TAG_OUTCOME, Outcome.UNKNOWN_FUNCTION.tag())
                .register(meterRegistry);
        Counter reruns = Counter.builder(GridletMeters.FUNCTION_RERUNS)
                .description("Calls run again on this member after their first member died with the outcome unknown")
                .register(meterRegistry);
        this.plain = new PlainExecution(deadlines, running, splitBrain, logs, tracing);
        this.idempotent = new IdempotentExecution(plain, idempotencyRetention, reruns);
        this.transactional = new TransactionalExecution(plain, idempotencyRetention, fence);
    }

    /** The runtime of the member {@code hazelcast} belongs to. */
    public static FunctionRuntime of(HazelcastInstance hazelcast) {
        return MemberContext.get(hazelcast, FunctionRuntime.class);
    }

    /**
     * Called once, when the member is up: responses name it, and a call to a function this member
     * has not loaded asks {@code missingFunctions} (the deployments, which need the member) first.
     */
    public void memberStarted(HazelcastInstance member, MissingFunctionLoader missingFunctions) {
        this.missingFunctionLoader = Objects.requireNonNull(missingFunctions, "missingFunctions");
        this.hazelcast = member;
        this.serialization = ((com.hazelcast.spi.impl.SerializationServiceSupport) member).getSerializationService();
        this.localMember = member.getCluster().getLocalMember().getUuid();
    }

    /**
     * {@inheritDoc}
     *
     * <p>A member takes partitions, and so calls, as soon as it joins its cluster, which is before
     * its node has finished starting it ({@link #memberStarted}): until then this runtime has no
     * member to run a call with, and functions deployed as jars are not loaded yet. Such a call is
     * refused as retryable, so that its caller sends it again (Hazelcast's invocation does so by
     * itself for an operation; a fan-out sends the share again) instead of failing it.
     */
    @Override
    public InvocationResponse handle(InvocationRequest request, Map.Entry<Object, Object> processorEntry,
                                     HandedOff handedOff) {
        HazelcastInstance member = hazelcast;
        if (member == null) {
            throw new RetryableHazelcastException("member is still starting: call " + request.invocationId()
                    + " to function " + request.function() + " is to be sent again");
        }
        return execute(member, request, processorEntry, handedOff);
    }

    public LocalFunctionRegistry registry() {
        return registry;
    }

    /** Finds functions a member has not loaded yet: a jar deployed a moment ago elsewhere. */
    @FunctionalInterface
    public interface MissingFunctionLoader {
        /** @return whether something was loaded, so that resolving again may succeed */
        boolean load(String name, String version);
    }

    /**
     * Runs a call on this member, on the calling thread, with no network hop: how a trigger's Jet
     * processor, already on the member that owns the event, invokes its function.
     *
     * @param key            the event's key, seen by the function as {@code ctx.key()}; may be null
     * @param idempotencyKey at most one completion for it, or null
     * @param traceParent    the W3C context the function's run is a child of, or null
     */
    public InvocationResponse invokeLocal(HazelcastInstance hazelcast, String function, Object key, Payload input,
                                          String idempotencyKey, java.time.Duration timeout, String traceParent) {
        InvocationRequest request = new InvocationRequest(function, null, InvocationIds.random(), null, key,
                timeout.toNanos(), false, input, idempotencyKey);
        request.traceParent(traceParent);
        return execute(hazelcast, request, null, null);
    }

    private static final Payload NO_BYTES = new Payload(Payload.NULL, new byte[0]);

    /**
     * Runs a call on this member, on the calling thread, with its input as a map of JSON's own
     * values: a function that takes such a map gets it with no JSON in between.
     *
     * @see InvocationRequest#plainInput()
     */
    public InvocationResponse invokeLocal(HazelcastInstance hazelcast, String function, Object key,
                                          Map<String, Object> input, java.time.Duration timeout, String traceParent,
                                          TransactionContext transaction) {
        InvocationRequest request = new InvocationRequest(function, null, InvocationIds.random(), null, key,
                timeout.toNanos(), false, NO_BYTES, null);
        request.plainInput(input);
        request.traceParent(traceParent);
        return answer(hazelcast, request, null, null, transaction);
    }

    /**
     * Runs a call on this member, on the calling thread, inside the caller's transaction: the
     * function's {@code ctx.transactionalMap(...)} writes join it, and the caller commits or rolls
     * back. How an exactly-once trigger applies a batch of events and its applied mark together.
     *
     * @param key         the event's key, seen by the function as {@code ctx.key()}; may be null
     * @param traceParent the W3C context the function's run is a child of, or null
     * @param transaction the open transaction
     */
    public InvocationResponse invokeLocalIn(HazelcastInstance hazelcast, String function, Object key, Payload input,
                                            java.time.Duration timeout, String traceParent,
                                            TransactionContext transaction) {
        InvocationRequest request = new InvocationRequest(function, null, InvocationIds.random(), null, key,
                timeout.toNanos(), false, input, null);
        request.traceParent(traceParent);
        return answer(hazelcast, request, null, null, Objects.requireNonNull(transaction, "transaction"));
    }

    /**
     * Whether the live version of a function here is transactional: its calls then need a
     * transaction to write in. A deployed version not loaded here yet is loaded first, as a call
     * would load it, so that the answer does not change with the first call. False for a function
     * the cluster does not have. Blocks while it loads: not for a partition thread.
     */
    public boolean transactional(String function) {
        RegisteredFunction live = registry.live(function);
        if (live == null && missingFunctionLoader.load(function, null)) {
            live = registry.live(function);
        }
        return live != null && live.spec().transactional();
    }

    /** Whether this member stood still long enough to be declared dead, and must commit nothing for now. */
    public boolean fenced() {
        return fence.fenced();
    }

    /**
     * Cancels a call running on this member: its context says cancelled and its thread is
     * interrupted. Returns whether it was running here.
     */
    @Override
    public boolean cancel(UUID invocationId) {
        InvocationContext context = running.get(invocationId);
        if (context == null) {
            return false;
        }
        context.expire();
        return true;
    }

    /**
     * Runs one call on this thread.
     *
     * @param processorEntry the entry handed over by an entry-processor carrier
     *                       ({@code InvokeEntryProcessor}, {@code InvokeOnPartitionThread}), or
     *                       {@code null} when the call came another way
     * @param handedOff      the routed entry's value read by {@link InvokeReadOnlyProcessor}'s
     *                       partition thread, or {@code null}
     * @return the response; never throws for anything the function or its input did
     */
    InvocationResponse execute(HazelcastInstance hazelcast, InvocationRequest request,
                               Map.Entry<Object, Object> processorEntry, HandedOff handedOff) {
        if (!request.recorded()) {
            return answer(hazelcast, request, processorEntry, handedOff, null);
        }
        long startedAt = System.currentTimeMillis();
        InvocationResponse response = answer(hazelcast, request, processorEntry, handedOff, null);
        // The record of an asynchronous call is finished by the member that ran it, so it is
        // complete even if the caller is gone. Written without waiting: the answer goes first.
        hazelcast.<String, StoredInvocation>getMap(io.gridlet.node.Invocations.MAP).setAsync(
                request.invocationId().toString(), StoredInvocation.answered(request.function(), startedAt, response,
                        CallTracing.traceId(request.traceParent())),
                invocationRetention.toMillis(), TimeUnit.MILLISECONDS);
        return response;
    }

    /** @param outer a transaction the call joins, or {@code null} for the function's own way */
    private InvocationResponse answer(HazelcastInstance hazelcast, InvocationRequest request,
                                      Map.Entry<Object, Object> processorEntry, HandedOff handedOff,
                                      TransactionContext outer) {
        UUID member = localMember;
        if (fence.fenced()) {
            return InvocationResponse.error(Status.NOT_APPLIED, request.version(), member,
                    "member " + member + " stood still long enough to be declared dead, and refuses calls for now");
        }
        if (!splitBrain.present()) {
            // Cut off from the majority: whatever the call wrote, the merge would drop.
            return InvocationResponse.error(Status.UNAVAILABLE, request.version(), member,
                    splitBrain.refusal("function " + request.function()));
        }
        // On the key's partition thread (a function declared for it), nothing may block: no jar is
        // loaded here, and a function not declared so here is sent to the invocation executor.
        boolean onPartitionThread = ThreadUtil.isRunningOnPartitionThread();
        RegisteredFunction function = resolveAndEnter(request);
        if (function == null && !onPartitionThread
                && missingFunctionLoader.load(request.function(), request.version())) {
            function = resolveAndEnter(request);
        }
        if (function == null && onPartitionThread) {
            return InvocationResponse.error(Status.WRONG_TRANSPORT, request.version(), member,
                    "function " + request.function() + " is not loaded on member " + member + " yet: send it by executor");
        }
        if (function == null) {
            unknownFunction.increment();
            return InvocationResponse.error(Status.UNKNOWN_FUNCTION, request.version(), member,
                    unknownMessage(request));
        }
        long timeoutNanos = request.timeoutNanos();
        if (!request.explicitTimeout()) {
            timeoutNanos = Math.min(timeoutNanos, function.spec().timeout().toNanos());
        }
        long deadline = request.receivedNanos() + timeoutNanos;
        long start = System.nanoTime();
        try {
            if (onPartitionThread && !function.spec().partitionThread()) {
                return InvocationResponse.error(Status.WRONG_TRANSPORT, function.version(), member,
                        "function " + function.name() + " version " + function.version()
                                + " does not run on a partition thread: send it by executor");
            }
            if (deadline - start <= 0) {
                function.meters().record(Outcome.TIMEOUT);
                return InvocationResponse.error(Status.TIMED_OUT, function.version(), member,
                        "function " + function.name() + " reached its deadline before it could start");
            }
            if (!function.bulkhead().tryAcquire()) {
                function.meters().record(Outcome.OVERLOADED);
                return InvocationResponse.error(Status.OVERLOADED, function.version(), member,
                        "function " + function.name() + " already runs " + function.spec().maxConcurrency()
                                + " calls on member " + member + ", its maxConcurrency");
            }
            try {
                MemberCall call = new MemberCall(hazelcast, request, function, deadline, start, member);
                if (processorEntry != null && (function.spec().transactional() || request.idempotencyKey() != null)) {
                    return refuseAsProcessor(call);
                }
                if (outer != null) {
                    return plain.run(call, null, outer);
                }
                if (function.spec().transactional()) {
                    return transactional.run(call);
                }
                BufferedRoutedEntry<?> entry = processorEntry != null
                        ? new EntryProcessorRoutedEntry<>(processorEntry)
                        : request.map() == null || request.key() == null ? null
                        : new OwnerRoutedEntry<>(hazelcast.getMap(request.map()), serialization,
                        request.key(), keyLocks, deadline, handedOff);
                InvocationResponse response = request.idempotencyKey() == null ? plain.run(call, entry, null)
                        : idempotent.run(call, entry);
                return function.spec().partitionThread() ? response.partitionThread(true) : response;
            } finally {
                function.bulkhead().release();
            }
        } finally {
            function.exit();
        }
    }

    /**
     * Calls that keep a record must not run as an entry processor. A transaction must hold the
     * routed key itself. And an idempotency record written inside the processor would become
     * durable before the processor's entry change, which the partition applies only after the
     * function returns: a member dying between the two would leave a completed record for a write
     * that never happened. By executor, the entry is written, and backed up, before the record.
     * The caller sends the call again that way; nothing ran.
     */
    private InvocationResponse refuseAsProcessor(MemberCall call) {
        return InvocationResponse.error(Status.WRONG_TRANSPORT, call.function().version(), call.member(),
                "function " + call.function().name() + " keeps a record: send it by executor");
    }

    @Override
    public InvocationResponse refuseOnPartitionThread(InvocationRequest request) {
        return InvocationResponse.error(Status.BAD_INPUT, request.version(), localMember,
                "function " + request.function() + " was called on key " + request.key() + " of map " + request.map()
                        + " by a thread that holds that key's lock; unlock it first");
    }

    private static String unknownMessage(InvocationRequest request) {
        return request.version() == null
                ? "no function named " + request.function() + " on member"
                : "function " + request.function() + " has no version " + request.version() + " on member";
    }

    /**
     * The resolved version, counted in. A version retired between its resolution and the count is
     * skipped, and the alias, which no longer names it, is read again.
     */
    private RegisteredFunction resolveAndEnter(InvocationRequest request) {
        for (int tries = 0; tries < 3; tries++) {
            RegisteredFunction function = registry.resolve(request.function(), request.version());
            if (function == null) {
                return null;
            }
            if (function.enter()) {
                return function;
            }
        }
        return null;
    }

    @Override
    public void close() {
        fence.close();
        // The node closes the shared sweeper.
    }
}
