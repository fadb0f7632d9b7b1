package io.gridlet.node.internal.invoke.member;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import com.hazelcast.transaction.TransactionContext;
import com.hazelcast.transaction.TransactionException;
import io.gridlet.node.internal.cluster.SplitBrainGuard;
import io.gridlet.node.internal.invoke.DeadlineSweeper;
import io.gridlet.node.internal.invoke.wire.InvocationResponse;
import io.gridlet.node.Payload;
import io.gridlet.node.internal.invoke.wire.Status;
import io.gridlet.node.internal.metrics.Outcome;
import io.gridlet.node.internal.registry.RegisteredFunction;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import io.gridlet.node.internal.invoke.CallTracing;
import io.gridlet.node.internal.logs.LogRing;
import io.gridlet.node.internal.logs.Throwables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call's function, the strategy every call ends in: decodes the input with the
 * function's decoder, runs the function on the calling thread under its deadline (watched, and
 * cancellable by id), writes its routed entry once it returned, encodes the output and counts the
 * outcome. The idempotent and transactional strategies wrap it. Never throws for anything the
 * function or its input did: every outcome is an answer. Thread-safe.
 */
final class PlainExecution {

    private static final Logger LOG = LoggerFactory.getLogger(PlainExecution.class);

    private final DeadlineSweeper deadlines;
    private final Map<UUID, InvocationContext> running;
    private volatile PartitionKeys partitionKeys;
    private final SplitBrainGuard splitBrain;
    private final LogRing logs;
    private final CallTracing tracing;

    PlainExecution(DeadlineSweeper deadlines, Map<UUID, InvocationContext> running, SplitBrainGuard splitBrain,
                   LogRing logs, CallTracing tracing) {
        this.tracing = Objects.requireNonNull(tracing, "tracing");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.splitBrain = Objects.requireNonNull(splitBrain, "splitBrain");
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.running = Objects.requireNonNull(running, "running");
    }

    /**
     * Runs the call; inside {@code transaction} when it is not {@code null}. Whoever owns that
     * transaction rolls it back on any answer but OK, so a grid error in it applied nothing: the
     * answer is then "not applied", never "outcome unknown".
     */
    InvocationResponse run(MemberCall call, BufferedRoutedEntry<?> entry, TransactionContext transaction) {
        InvocationResponse response = run(call, entry, transaction, false);
        if (transaction != null && response.status() == Status.OUTCOME_UNKNOWN) {
            return InvocationResponse.error(Status.NOT_APPLIED, call.function().version(), call.member(),
                    response.errorMessage() + "; its transaction was rolled back");
        }
        return response;
    }

    InvocationResponse run(MemberCall call, BufferedRoutedEntry<?> entry, TransactionContext transaction,
                           boolean rerun) {
        // The member's id goes in as it is: a call that is not traced builds no string for it.
        io.opentelemetry.api.trace.Span span = tracing.startRun(call.request(), call.function().version(),
                call.member());
        if (span == null) {
            return execute(call, entry, transaction, rerun, null);
        }
        if (call.request().key() != null) {
            span.setAttribute(CallTracing.PARTITION, (long) call.hazelcast().getPartitionService()
                    .getPartition(call.request().key()).getPartitionId());
        }
        // Current while the function runs, so that spans of its own are children of the run's.
        io.opentelemetry.context.Scope scope = span.makeCurrent();
        try {
            InvocationResponse response = execute(call, entry, transaction, rerun, span);
            CallTracing.end(span, response.status().name().toLowerCase(java.util.Locale.ROOT),
                    response.status() != Status.OK);
            return response;
        } finally {
            scope.close();
        }
    }

    private InvocationResponse execute(MemberCall call, BufferedRoutedEntry<?> entry, TransactionContext transaction,
                                       boolean rerun, io.opentelemetry.api.trace.Span span) {
        RegisteredFunction function = call.function();
        Object input;
        try {
            java.util.Map<String, Object> plain = call.request().plainInput();
            if (plain != null && function.takesPlainMap()) {
                input = plain;
            } else if (plain != null) {
                Payload json = function.codec().encode(plain);
                input = function.decoder().decode(json.format(), json.bytes());
            } else {
                input = function.decoder().decode(call.request().format(), call.request().input());
            }
        } catch (IOException | RuntimeException e) {
            function.meters().record(Outcome.BAD_INPUT);
            return InvocationResponse.error(Status.BAD_INPUT, function.version(), call.member(),
                    "function " + function.name() + " expects input of type " + function.inputType().toCanonical()
                            + ": " + describe(e));
        }
        int attempt = rerun ? Math.max(2, call.request().attempt()) : call.request().attempt();
        InvocationContext context = new InvocationContext(call.hazelcast(), call.request(), function, call.deadline(),
                entry, transaction, attempt, call.request().partitions() == null ? null : partitionKeys(call.hazelcast()),
                logs, span);
        UUID invocation = call.request().invocationId();
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
                    return timedOut(function, call.member(), call.start());
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
                return timedOut(function, call.member(), call.start());
            }
            Payload payload = function.codec().encode(output);
            function.meters().record(Outcome.SUCCESS, System.nanoTime() - call.start());
            return InvocationResponse.ok(function.version(), call.member(), payload);
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
    private InvocationResponse commit(MemberCall call, BufferedRoutedEntry<?> entry) {
        try {
            entry.commit();
            return null;
        } catch (OwnerRoutedEntry.ChangedUnderneathException e) {
            return InvocationResponse.error(Status.NOT_APPLIED, call.function().version(), call.member(),
                    e.getMessage());
        } catch (SplitBrainProtectionException e) {
            // The function ran and returned: a refused write is the grid's outcome, not a failure of
            // the function's, and the caller counts it (a retry or a typed error), not this meter.
            return InvocationResponse.error(Status.UNAVAILABLE, call.function().version(), call.member(),
                    splitBrain.refusal("the entry write of function " + call.function().name()));
        } catch (RuntimeException e) {
            return InvocationResponse.error(Status.OUTCOME_UNKNOWN, call.function().version(), call.member(),
                    "function " + call.function().name() + " ran, but writing its routed entry failed ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + "); it may or may not be applied");
        }
    }

    /**
     * The function threw. A grid error that escaped it is not the function's failure. A write the
     * grid could not confirm (refused below the quorum, its backup silent, an operation or a
     * transaction of its own that timed out) leaves the call's writes partly applied: unknown; in a
     * transaction that then rolls back, not applied. A member leaving or gone under it: the routed
     * entry was not written (that happens after the function returns), and the caller sends the
     * call again, as for any call whose member left.
     */
    private InvocationResponse failed(MemberCall call, Throwable error) {
        RegisteredFunction function = call.function();
        if (unconfirmed(error)) {
            return InvocationResponse.error(Status.OUTCOME_UNKNOWN, function.version(), call.member(),
                    "function " + function.name() + " stopped on a grid operation the grid could not confirm ("
                            + error.getClass().getSimpleName() + ": " + error.getMessage()
                            + "): its writes may be partly applied");
        }
        if (error instanceof OwnerRoutedEntry.KeyWaitException) {
            function.meters().record(Outcome.TIMEOUT, System.nanoTime() - call.start());
            return InvocationResponse.error(Status.TIMED_OUT, function.version(), call.member(),
                    "function " + function.name() + ": " + error.getMessage());
        }
        if (error instanceof HazelcastInstanceNotActiveException || error instanceof RetryableException
                || error instanceof MemberLeftException || error instanceof TargetDisconnectedException) {
            return InvocationResponse.error(Status.NOT_APPLIED, function.version(), call.member(),
                    "function " + function.name() + " was stopped by a member leaving (" + error.getClass().getSimpleName()
                            + ")");
        }
        function.meters().record(Outcome.FAILED, System.nanoTime() - call.start());
        // Kept with the function's own lines, so that a failed call's error is read where its logs are.
        logs.add("ERROR", "call failed: " + Throwables.describe(error), function.name(), function.version(),
                call.request().invocationId().toString(), CallTracing.traceId(call.request().traceParent()));
        if (LOG.isDebugEnabled()) {
            LOG.debug("Function {} version {} failed in invocation {}", function.name(), function.version(),
                    call.request().invocationId(), error);
        }
        return InvocationResponse.failed(function.version(), call.member(), error.getClass().getName(),
                error.getMessage());
    }

    /**
     * Whether the grid, not the function, stopped it: an operation refused below the quorum or not
     * confirmed by its backup, one that timed out waiting for its partition's owner, or a
     * transaction the function used that timed out or was ended under it (its members left).
     */
    static boolean unconfirmed(Throwable error) {
        return error instanceof SplitBrainProtectionException || error instanceof IndeterminateOperationStateException
                || error instanceof OperationTimeoutException || error instanceof TransactionException;
    }

    private PartitionKeys partitionKeys(HazelcastInstance hazelcast) {
        PartitionKeys keys = partitionKeys;
        if (keys == null) {
            keys = new PartitionKeys(hazelcast);
            partitionKeys = keys;
        }
        return keys;
    }

    private static InvocationResponse timedOut(RegisteredFunction function, UUID member, long start) {
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        function.meters().record(Outcome.TIMEOUT, System.nanoTime() - start);
        return InvocationResponse.error(Status.TIMED_OUT, function.version(), member,
                "function " + function.name() + " was cancelled at its deadline after " + elapsedMillis + " ms");
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
}
