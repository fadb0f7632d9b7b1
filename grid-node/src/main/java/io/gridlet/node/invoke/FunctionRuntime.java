package io.gridlet.node.invoke;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionAwareKey;
import com.hazelcast.transaction.TransactionContext;
import com.hazelcast.transaction.TransactionOptions;
import com.hazelcast.transaction.TransactionalMap;
import io.gridlet.node.GridNode;
import io.gridlet.node.internal.SplitBrainGuard;
import io.gridlet.node.metrics.GridletMeters;
import io.gridlet.node.metrics.Outcome;
import io.gridlet.node.registry.FunctionRegistry;
import io.gridlet.node.registry.RegisteredFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Thread-safe; one per member, found through the member's user context.
 */
public final class FunctionRuntime implements AutoCloseable {

    /** The key under which a member's user context holds its runtime. */
    public static final String USER_CONTEXT_KEY = "io.gridlet.runtime";
    /** Where idempotency records live, keyed by function and idempotency key, partitioned by routing key. */
    public static final String IDEMPOTENCY_MAP = "gridlet.idempotency";

    private static final Logger LOG = LoggerFactory.getLogger(FunctionRuntime.class);
    private static final long RECORD_POLL_MILLIS = 5;

    private final FunctionRegistry registry;
    private final Counter unknownFunction;
    private final Counter reruns;
    private final DeadlineSweeper deadlines;
    private final Duration idempotencyRetention;
    private final Duration invocationRetention;
    private final Map<UUID, InvocationContext> running = new ConcurrentHashMap<>();
    private final KeyLocks keyLocks = new KeyLocks();
    private volatile com.hazelcast.internal.serialization.SerializationService serialization;
    private volatile UUID localMember = new UUID(0, 0);
    private volatile MissingFunctionLoader missingFunctionLoader = (name, version) -> false;
    private volatile PartitionKeys partitionKeys;

    private volatile PauseFence fence;
    private volatile SplitBrainGuard splitBrain = SplitBrainGuard.off();

    public FunctionRuntime(FunctionRegistry registry, DeadlineSweeper deadlines, Duration idempotencyRetention,
                           Duration invocationRetention, MeterRegistry meterRegistry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.idempotencyRetention = Objects.requireNonNull(idempotencyRetention, "idempotencyRetention");
        this.invocationRetention = Objects.requireNonNull(invocationRetention, "invocationRetention");
        this.unknownFunction = Counter.builder(GridletMeters.FUNCTION_INVOCATIONS)
                .description("Invocations finished on this member, by outcome")
                .tag(GridletMeters.TAG_FUNCTION, GridletMeters.UNKNOWN)
                .tag(GridletMeters.TAG_VERSION, GridletMeters.UNKNOWN)
                .tag(GridletMeters.TAG_OUTCOME, Outcome.UNKNOWN_FUNCTION.tag())
                .register(meterRegistry);
        this.reruns = Counter.builder(GridletMeters.FUNCTION_RERUNS)
                .description("Calls run again on this member after their first member died with the outcome unknown")
                .register(meterRegistry);
    }

    /** The runtime of the member {@code hazelcast} belongs to. */
    public static FunctionRuntime of(HazelcastInstance hazelcast) {
        Object runtime = hazelcast.getUserContext().get(USER_CONTEXT_KEY);
        if (runtime == null) {
            throw new IllegalStateException("member " + hazelcast.getName() + " was not started by "
                    + GridNode.class.getSimpleName() + ": it has no Gridlet runtime");
        }
        return (FunctionRuntime) runtime;
    }

    /** Called once the member is up, so that responses name it. */
    public void memberStarted(UUID member) {
        this.localMember = member;
    }

    /** Fences this member's calls after a freeze; set once, when the member starts. */
    public void pauseFence(PauseFence fence) {
        this.fence = fence;
    }

    /** Refuses calls while this member has lost its quorum; set once, when the member starts. */
    public void splitBrainGuard(SplitBrainGuard guard) {
        this.splitBrain = Objects.requireNonNull(guard, "guard");
    }

    public FunctionRegistry registry() {
        return registry;
    }

    /** Loads functions this member has not loaded yet, on a miss; deployed jars plug in here. */
    public void missingFunctionLoader(MissingFunctionLoader loader) {
        this.missingFunctionLoader = Objects.requireNonNull(loader, "loader");
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
     */
    public InvocationResponse invokeLocal(HazelcastInstance hazelcast, String function, Object key, Payload input,
                                          String idempotencyKey, java.time.Duration timeout) {
        InvocationRequest request = new InvocationRequest(function, null, UUID.randomUUID(), null, key,
                timeout.toNanos(), false, input, idempotencyKey);
        return execute(hazelcast, request, null, null);
    }

    /**
     * Cancels a call running on this member: its context says cancelled and its thread is
     * interrupted. Returns whether it was running here.
     */
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
     * @param processorEntry the entry handed over by {@link InvokeEntryProcessor}, or {@code null}
     *                       when the call came another way
     * @param handedOff      the routed entry's value read by {@link InvokeReadOnlyProcessor}'s
     *                       partition thread, or {@code null}
     * @return the response; never throws for anything the function or its input did
     */
    InvocationResponse execute(HazelcastInstance hazelcast, InvocationRequest request,
                               Map.Entry<Object, Object> processorEntry, OwnerRoutedEntry.HandedOff handedOff) {
        if (!request.recorded()) {
            return answer(hazelcast, request, processorEntry, handedOff);
        }
        long startedAt = System.currentTimeMillis();
        InvocationResponse response = answer(hazelcast, request, processorEntry, handedOff);
        // The record of an asynchronous call is finished by the member that ran it, so it is
        // complete even if the caller is gone. Written without waiting: the answer goes first.
        hazelcast.<String, StoredInvocation>getMap(io.gridlet.node.Invocations.MAP).setAsync(
                request.invocationId().toString(), StoredInvocation.answered(request.function(), startedAt, response),
                invocationRetention.toMillis(), TimeUnit.MILLISECONDS);
        return response;
    }

    private InvocationResponse answer(HazelcastInstance hazelcast, InvocationRequest request,
                                      Map.Entry<Object, Object> processorEntry, OwnerRoutedEntry.HandedOff handedOff) {
        UUID member = localMember;
        if (fence != null && fence.fenced()) {
            return InvocationResponse.error(InvocationResponse.NOT_APPLIED, request.version(), member,
                    "member " + member + " stood still long enough to be declared dead, and refuses calls for now");
        }
        if (!splitBrain.present()) {
            // Cut off from the majority: whatever the call wrote, the merge would drop.
            return InvocationResponse.error(InvocationResponse.UNAVAILABLE, request.version(), member,
                    splitBrain.refusal("function " + request.function()));
        }
        RegisteredFunction function = resolveAndEnter(request);
        if (function == null && missingFunctionLoader.load(request.function(), request.version())) {
            function = resolveAndEnter(request);
        }
        if (function == null) {
            unknownFunction.increment();
            return InvocationResponse.error(InvocationResponse.UNKNOWN_FUNCTION, request.version(), member,
                    unknownMessage(request));
        }
        long timeoutNanos = request.timeoutNanos();
        if (!request.explicitTimeout()) {
            timeoutNanos = Math.min(timeoutNanos, function.spec().timeout().toNanos());
        }
        long deadline = request.receivedNanos() + timeoutNanos;
        long start = System.nanoTime();
        try {
            if (deadline - start <= 0) {
                function.meters().record(Outcome.TIMEOUT);
                return InvocationResponse.error(InvocationResponse.TIMED_OUT, function.version(), member,
                        "function " + function.name() + " reached its deadline before it could start");
            }
            if (!function.bulkhead().tryAcquire()) {
                function.meters().record(Outcome.OVERLOADED);
                return InvocationResponse.error(InvocationResponse.OVERLOADED, function.version(), member,
                        "function " + function.name() + " already runs " + function.spec().maxConcurrency()
                                + " calls on member " + member + ", its maxConcurrency");
            }
            try {
                Call call = new Call(hazelcast, request, function, deadline, start, member);
                if (processorEntry != null && (function.spec().transactional() || request.idempotencyKey() != null)) {
                    return refuseAsProcessor(call);
                }
                if (function.spec().transactional()) {
                    return runTransactional(call);
                }
                BufferedRoutedEntry<?> entry = processorEntry != null
                        ? new EntryProcessorRoutedEntry<>(processorEntry)
                        : request.map() == null || request.key() == null ? null
                        : new OwnerRoutedEntry<>(hazelcast.getMap(request.map()), serialization(hazelcast),
                        request.key(), keyLocks, deadline, handedOff);
                return request.idempotencyKey() == null ? run(call, entry, null) : runIdempotent(call, entry);
            } finally {
                function.bulkhead().release();
            }
        } finally {
            function.exit();
        }
    }

    /** What one call carries through the runtime. */
    private record Call(HazelcastInstance hazelcast, InvocationRequest request, RegisteredFunction function,
                        long deadline, long start, UUID member) {
    }

    /**
     * A call with an idempotency key and no transaction: a record marks it running, then holds its
     * answer. A record left running by a member that died is taken over, and the call runs again
     * with {@code attempt() > 1}: its first run's effects may or may not have happened.
     */
    private InvocationResponse runIdempotent(Call call, BufferedRoutedEntry<?> entry) {
        IMap<Object, IdempotencyRecord> records = call.hazelcast.getMap(IDEMPOTENCY_MAP);
        Object key = idempotencyKey(call.request);
        UUID invocation = call.request.invocationId();
        IdempotencyRecord mine = IdempotencyRecord.running(invocation, call.member);
        boolean rerun = false;
        while (true) {
            IdempotencyRecord existing = records.putIfAbsent(key, mine, idempotencyRetention.toMillis(),
                    TimeUnit.MILLISECONDS);
            if (existing == null) {
                break;
            }
            if (existing.done()) {
                return existing.response();
            }
            if (existing.invocation().equals(invocation) || !isMember(call.hazelcast, existing.member())) {
                if (records.replace(key, existing, mine)) {
                    rerun = true;
                    break;
                }
                continue;
            }
            if (System.nanoTime() - call.deadline >= 0) {
                return InvocationResponse.error(InvocationResponse.TIMED_OUT, call.function.version(), call.member,
                        "function " + call.function.name() + " waited for another call with idempotency key "
                                + call.request.idempotencyKey() + " until its deadline");
            }
            pause();
        }
        if (rerun) {
            reruns.increment();
        }
        InvocationResponse response = run(call, entry, null, rerun);
        if (response.status() == InvocationResponse.OK || response.status() == InvocationResponse.FAILED) {
            records.set(key, IdempotencyRecord.done(invocation, call.member, response),
                    idempotencyRetention.toMillis(), TimeUnit.MILLISECONDS);
        } else if (response.status() == InvocationResponse.OUTCOME_UNKNOWN) {
            // Its write may have applied: the next call with the key takes the record over as a
            // rerun (attempt() > 1), as after its member's death, so the function can tell.
            try {
                records.set(key, IdempotencyRecord.running(invocation, NO_MEMBER), idempotencyRetention.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                records.remove(key, mine);
            }
        } else {
            // It did not run: a later call runs it afresh.
            records.remove(key, mine);
        }
        return response;
    }

    /** The member of a record whose call's outcome is unknown: never a member, so the next call takes it over. */
    private static final UUID NO_MEMBER = new UUID(0, 0);

    /**
     * A transactional call: the routed entry, the function's transactional writes and the
     * idempotency record commit together, or none of them does. A function that throws rolls all
     * of them back and leaves no record, so a later call with the same key runs it again.
     */
    private InvocationResponse runTransactional(Call call) {
        long remaining = call.deadline - System.nanoTime();
        TransactionContext transaction = call.hazelcast.newTransactionContext(new TransactionOptions()
                .setTransactionType(TransactionOptions.TransactionType.TWO_PHASE)
                .setDurability(1)
                .setTimeout(Math.max(remaining, 1), TimeUnit.NANOSECONDS));
        transaction.beginTransaction();
        boolean committed = false;
        boolean committing = false;
        boolean recorded = call.request.idempotencyKey() != null;
        try {
            TransactionalMap<Object, IdempotencyRecord> records = null;
            Object key = null;
            if (call.request.idempotencyKey() != null) {
                records = transaction.getMap(IDEMPOTENCY_MAP);
                key = idempotencyKey(call.request);
                IdempotencyRecord existing = records.getForUpdate(key);
                if (existing != null && existing.done()) {
                    return existing.response();
                }
            }
            BufferedRoutedEntry<?> entry = call.request.map() == null || call.request.key() == null ? null
                    : new TransactionalRoutedEntry<>(transaction.getMap(call.request.map()), call.request.key());
            InvocationResponse response = run(call, entry, transaction);
            if (response.status() == InvocationResponse.OUTCOME_UNKNOWN) {
                // A grid error inside the transaction: it rolls back (finally), so nothing applied.
                return InvocationResponse.error(InvocationResponse.NOT_APPLIED, call.function.version(), call.member,
                        response.errorMessage() + "; its transaction was rolled back");
            }
            if (response.status() != InvocationResponse.OK) {
                return response;
            }
            if (records != null) {
                records.put(key, IdempotencyRecord.done(call.request.invocationId(), call.member, response),
                        idempotencyRetention.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (fence != null && fence.fenced()) {
                // Frozen mid-call: the others may have taken over; commit nothing (finally rolls back).
                return InvocationResponse.error(InvocationResponse.NOT_APPLIED, call.function.version(), call.member,
                        "member " + call.member + " stood still during the call; its transaction was rolled back");
            }
            committing = true;
            transaction.commitTransaction();
            committed = true;
            return response;
        } catch (RuntimeException e) {
            // The function's own errors came back as a response from run(); this is the grid's. Before
            // the commit nothing applied, and the caller may send the call again. A commit that failed
            // may have applied on some partitions: only the idempotency record, committed with the
            // writes, makes a second run safe; without one the outcome is unknown.
            byte status = !committing || recorded ? InvocationResponse.NOT_APPLIED : InvocationResponse.OUTCOME_UNKNOWN;
            return InvocationResponse.error(status, call.function.version(), call.member,
                    "the transaction of function " + call.function.name() + " did not commit: "
                            + e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (!committed) {
                rollbackQuietly(transaction);
            }
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
    private InvocationResponse refuseAsProcessor(Call call) {
        return InvocationResponse.error(InvocationResponse.WRONG_TRANSPORT, call.function.version(), call.member,
                "function " + call.function.name() + " keeps a record: send it by executor");
    }

    private InvocationResponse run(Call call, BufferedRoutedEntry<?> entry, TransactionContext transaction) {
        return run(call, entry, transaction, false);
    }

    private InvocationResponse run(Call call, BufferedRoutedEntry<?> entry, TransactionContext transaction,
                                   boolean rerun) {
        RegisteredFunction function = call.function;
        Object input;
        try {
            input = function.decoder().decode(call.request.format(), call.request.input());
        } catch (IOException | RuntimeException e) {
            function.meters().record(Outcome.BAD_INPUT);
            return InvocationResponse.error(InvocationResponse.BAD_INPUT, function.version(), call.member,
                    "function " + function.name() + " expects input of type " + function.inputType().toCanonical()
                            + ": " + describe(e));
        }
        int attempt = rerun ? Math.max(2, call.request.attempt()) : call.request.attempt();
        InvocationContext context = new InvocationContext(call.hazelcast, call.request, function, call.deadline,
                entry, transaction, attempt, call.request.partitions() == null ? null : partitionKeys(call.hazelcast));
        UUID invocation = call.request.invocationId();
        Thread thread = Thread.currentThread();
        ClassLoader callerLoader = thread.getContextClassLoader();
        running.put(invocation, context);
        deadlines.watch(context);
        thread.setContextClassLoader(function.classLoader());
        try {
            Object output;
            try {
                output = function.function().apply(input, context);
            } catch (Throwable error) {
                if (!context.finish()) {
                    return timedOut(function, call.member, call.start);
                }
                rethrowIfFatal(error);
                return failed(call, error);
            }
            if (entry != null) {
                InvocationResponse refused = commit(call, entry);
                if (refused != null) {
                    context.finish();
                    return refused;
                }
            }
            if (!context.finish()) {
                return timedOut(function, call.member, call.start);
            }
            Payload payload = function.codec().encode(output);
            function.meters().record(Outcome.SUCCESS, System.nanoTime() - call.start);
            return InvocationResponse.ok(function.version(), call.member, payload);
        } catch (RuntimeException error) {
            // The output could not be encoded: the function's doing, like a throw.
            context.finish();
            return failed(call, error);
        } finally {
            deadlines.unwatch(context);
            running.remove(invocation, context);
            thread.setContextClassLoader(callerLoader);
            if (entry != null) {
                entry.release();
            }
        }
    }

    /**
     * Writes the routed entry's change, with its backups confirmed: {@code null} when it is done,
     * else the answer that says what became of it. Refused below the quorum, nothing was applied.
     * Any other failure (a backup that did not confirm, a write that timed out) leaves the change
     * applied or not: the outcome is unknown, never the function's failure.
     */
    private InvocationResponse commit(Call call, BufferedRoutedEntry<?> entry) {
        try {
            entry.commit();
            return null;
        } catch (OwnerRoutedEntry.ChangedUnderneathException e) {
            return InvocationResponse.error(InvocationResponse.NOT_APPLIED, call.function.version(), call.member,
                    e.getMessage());
        } catch (SplitBrainProtectionException e) {
            // The function ran and returned: a refused write is the grid's outcome, not a failure of
            // the function's, and the caller counts it (a retry or a typed error), not this meter.
            return InvocationResponse.error(InvocationResponse.UNAVAILABLE, call.function.version(), call.member,
                    splitBrain.refusal("the entry write of function " + call.function.name()));
        } catch (RuntimeException e) {
            return InvocationResponse.error(InvocationResponse.OUTCOME_UNKNOWN, call.function.version(), call.member,
                    "function " + call.function.name() + " ran, but writing its routed entry failed ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + "); it may or may not be applied");
        }
    }

    /**
     * The function threw. A grid error that escaped it is not the function's failure. A write the
     * grid could not confirm (refused below the quorum, or its backup silent) leaves the call's
     * writes partly applied: unknown. A member leaving or gone under it: the routed entry was not
     * written (that happens after the function returns), and the caller sends the call again, as
     * for any call whose member left.
     */
    private InvocationResponse failed(Call call, Throwable error) {
        RegisteredFunction function = call.function;
        if (error instanceof SplitBrainProtectionException || error instanceof IndeterminateOperationStateException) {
            return InvocationResponse.error(InvocationResponse.OUTCOME_UNKNOWN, function.version(), call.member,
                    "function " + function.name() + " stopped on a write the grid could not confirm ("
                            + error.getClass().getSimpleName() + "): its writes may be partly applied");
        }
        if (error instanceof OwnerRoutedEntry.KeyWaitException) {
            function.meters().record(Outcome.TIMEOUT, System.nanoTime() - call.start);
            return InvocationResponse.error(InvocationResponse.TIMED_OUT, function.version(), call.member,
                    "function " + function.name() + ": " + error.getMessage());
        }
        if (error instanceof HazelcastInstanceNotActiveException || error instanceof RetryableException
                || error instanceof MemberLeftException || error instanceof TargetDisconnectedException) {
            return InvocationResponse.error(InvocationResponse.NOT_APPLIED, function.version(), call.member,
                    "function " + function.name() + " was stopped by a member leaving (" + error.getClass().getSimpleName()
                            + ")");
        }
        function.meters().record(Outcome.FAILED, System.nanoTime() - call.start);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Function {} version {} failed in invocation {}", function.name(), function.version(),
                    call.request.invocationId(), error);
        }
        return InvocationResponse.failed(function.version(), call.member, error.getClass().getName(),
                error.getMessage());
    }

    private com.hazelcast.internal.serialization.SerializationService serialization(HazelcastInstance hazelcast) {
        com.hazelcast.internal.serialization.SerializationService service = serialization;
        if (service == null) {
            service = ((com.hazelcast.spi.impl.SerializationServiceSupport) hazelcast).getSerializationService();
            serialization = service;
        }
        return service;
    }

    private PartitionKeys partitionKeys(HazelcastInstance hazelcast) {
        PartitionKeys keys = partitionKeys;
        if (keys == null) {
            keys = new PartitionKeys(hazelcast);
            partitionKeys = keys;
        }
        return keys;
    }

    InvocationResponse refuseOnPartitionThread(InvocationRequest request) {
        return InvocationResponse.error(InvocationResponse.BAD_INPUT, request.version(), localMember,
                "function " + request.function() + " was called on key " + request.key() + " of map " + request.map()
                        + " by a thread that holds that key's lock; unlock it first");
    }

    /**
     * The record's key: the function and idempotency key, in the partition of the routing key,
     * so the member that runs the call owns the record too.
     */
    private static Object idempotencyKey(InvocationRequest request) {
        String id = request.function() + '\u0000' + request.idempotencyKey();
        return new PartitionAwareKey<>(id, request.key() != null ? request.key() : request.idempotencyKey());
    }

    private static boolean isMember(HazelcastInstance hazelcast, UUID member) {
        for (Member current : hazelcast.getCluster().getMembers()) {
            if (current.getUuid().equals(member)) {
                return true;
            }
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(RECORD_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rollbackQuietly(TransactionContext transaction) {
        try {
            transaction.rollbackTransaction();
        } catch (RuntimeException e) {
            LOG.debug("Rolling back a transaction failed; it expires on its own", e);
        }
    }

    private static InvocationResponse timedOut(RegisteredFunction function, UUID member, long start) {
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        function.meters().record(Outcome.TIMEOUT, System.nanoTime() - start);
        return InvocationResponse.error(InvocationResponse.TIMED_OUT, function.version(), member,
                "function " + function.name() + " was cancelled at its deadline after " + elapsedMillis + " ms");
    }

    private static String unknownMessage(InvocationRequest request) {
        return request.version() == null
                ? "no function named " + request.function() + " on member"
                : "function " + request.function() + " has no version " + request.version() + " on member";
    }

    private static String describe(Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            return json.getOriginalMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void rethrowIfFatal(Throwable error) {
        if (error instanceof VirtualMachineError fatal) {
            throw fatal;
        }
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
        if (fence != null) {
            fence.close();
        }
        // The node closes the shared sweeper.
    }
}
