package io.gridlet.node.internal.invoke.caller;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.map.IMap;
import io.gridlet.api.BadInputException;
import io.gridlet.api.GridletException;
import io.gridlet.api.NoMembersException;
import io.gridlet.api.TimedOutException;
import io.gridlet.node.FanOut;
import io.gridlet.node.FanOutResult;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.Invocation;
import io.gridlet.node.InvocationFuture;
import io.gridlet.node.InvocationResult;
import io.gridlet.node.Invoker;
import io.gridlet.node.KeyRoutedTransport;
import io.gridlet.node.internal.cluster.HazelcastConfigFactory;
import io.gridlet.node.internal.cluster.SplitBrainGuard;
import io.gridlet.node.internal.invoke.CallTracing;
import io.gridlet.node.internal.invoke.InvocationIds;
import io.gridlet.node.internal.invoke.DeadlineSweeper;
import io.gridlet.node.internal.invoke.PauseFence;
import io.gridlet.node.internal.invoke.wire.CancelTask;
import io.gridlet.node.internal.invoke.wire.InvocationRequest;
import io.gridlet.node.internal.invoke.wire.InvocationResponse;
import io.gridlet.node.Payload;
import io.gridlet.node.internal.codec.PayloadCodec;
import io.gridlet.node.internal.invoke.wire.Status;
import io.gridlet.node.internal.invoke.wire.StoredInvocation;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The caller's side of an invocation, on a member or a client: routes the call, sends it, waits
 * for it within its deadline, sends it again if its member left, and turns the answer into the
 * output or a typed error. Thread-safe.
 */
public final class ClusterInvoker implements Invoker, AutoCloseable {

    /**
     * How long past the deadline the caller waits for the member's own timed-out answer, which
     * says how long the function ran, before it gives up on hearing from the member.
     */
    static final long ANSWER_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    static final long RETRY_PAUSE_MILLIS = 20;

    private final HazelcastInstance hazelcast;
    private final PayloadCodec codec;
    private final FunctionSpecs specs;
    private final KeyRoutedTransport transport;
    private final Duration defaultTimeout;
    private final Transports transports;
    private final PauseFence fence;
    private final SplitBrainGuard splitBrain;
    private final CallTracing tracing;
    /** Functions whose last answer said they may run on a partition thread, for callers with no spec of them. */
    private final java.util.Set<String> partitionThreadFunctions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Functions the owner's route refused (they keep a record, or their map stores on its own threads). */
    private final java.util.Set<String> refusedByOwner = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final FanOutCoordinator fanOuts;
    private final RetryCounters retries;
    private final ScheduledThreadPoolExecutor retryTimer;
    /**
     * Where an asynchronous call's answer completes its future: the user's own callbacks run there,
     * and must neither block Hazelcast's threads nor call the grid from them.
     */
    private final java.util.concurrent.ExecutorService callbacks;
    private final DeadlineSweeper deadlines;
    private final Duration invocationRetention;
    private final IMap<String, StoredInvocation> records;
    private final IExecutorService admin;
    private final ClassValue<PayloadCodec.Decoder> resultDecoders = new ClassValue<>() {
        @Override
        protected PayloadCodec.Decoder computeValue(Class<?> type) {
            return codec.decoderFor(type);
        }
    };

    /**
     * @param specs      what this caller knows of functions: their timeouts, and which are
     *                   transactional (those travel by executor, never as an entry processor)
     * @param fence      on a member, sends nothing while the member is fenced after a freeze;
     *                   {@code null} on a client, which has no fence
     * @param splitBrain refuses calls while this member has lost its quorum; off on a client
     * @param tracing    traces calls, or is off
     */
    public ClusterInvoker(HazelcastInstance hazelcast, PayloadCodec codec, FunctionSpecs specs, Options options,
                          DeadlineSweeper deadlines, MeterRegistry meterRegistry, PauseFence fence,
                          SplitBrainGuard splitBrain, CallTracing tracing) {
        this.tracing = Objects.requireNonNull(tracing, "tracing");
        KeyRoutedTransport transport = options.transport();
        Duration defaultTimeout = options.defaultTimeout();
        Duration invocationRetention = options.invocationRetention();
        this.fence = fence;
        this.splitBrain = Objects.requireNonNull(splitBrain, "splitBrain");
        this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.specs = Objects.requireNonNull(specs, "specs");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        this.transports = new Transports(hazelcast);
        this.retries = new RetryCounters(meterRegistry);
        this.fanOuts = new FanOutCoordinator(hazelcast, codec, specs, defaultTimeout,
                hazelcast.getExecutorService(HazelcastConfigFactory.INVOCATION_EXECUTOR), retries,
                Objects.requireNonNull(tracing, "tracing"));
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.invocationRetention = Objects.requireNonNull(invocationRetention, "invocationRetention");
        this.records = hazelcast.getMap(io.gridlet.node.Invocations.MAP);
        this.admin = hazelcast.getExecutorService(HazelcastConfigFactory.ADMIN_EXECUTOR);
        // Only retries after a member loss wait here, never a call that goes well.
        this.retryTimer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "gridlet-retries");
            thread.setDaemon(true);
            return thread;
        });
        this.callbacks = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
                    Thread thread = new Thread(runnable, "gridlet-callbacks");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * A synchronous call waits on the grid's own future on the caller's thread and handles the
     * answer there, as {@code IMap.get} does: no callback, no thread between the answer and the
     * caller. A resend pauses on this thread too.
     */
    @Override
    public <O> InvocationResult<O> call(Invocation invocation, Class<O> resultType) {
        Call<O> call = start(invocation, resultType, false, null);
        try {
            while (!call.result.isDone()) {
                call.resend = false;
                java.util.concurrent.CompletableFuture<Object> sent = transmit(call);
                if (sent != null) {
                    InvocationResponse response = null;
                    Throwable error = null;
                    try {
                        response = transports.response(sent.get(call.deadlineNanos - System.nanoTime() + ANSWER_GRACE_NANOS,
                                TimeUnit.NANOSECONDS));
                    } catch (ExecutionException e) {
                        error = e.getCause() == null ? e : e.getCause();
                    } catch (java.util.concurrent.CancellationException e) {
                        error = e;
                    }
                    answered(call, response, error);
                }
                if (call.resend && !call.result.isDone()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(call.resendPauseNanos);
                }
            }
            return call.result.getNow(null);
        } catch (java.util.concurrent.CompletionException e) {
            throw CallerErrors.asGridletException(invocation.function(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            call.expire();
            throw CallerErrors.asGridletException(invocation.function(), call.result.handle((r, t) -> t).join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.result.cancel(true);
            throw new GridletException("interrupted while waiting for function " + invocation.function(), e);
        }
    }

    @Override
    public <O> InvocationFuture<O> callAsync(Invocation invocation, Class<O> resultType) {
        return start(invocation, resultType, true, callbacks).result;
    }

    @Override
    public <O> InvocationFuture<O> submit(Invocation invocation, Class<O> resultType,
                                          java.util.concurrent.Executor answers) {
        return start(invocation, resultType, false, Objects.requireNonNull(answers, "answers")).result;
    }

    @Override
    public <O> FanOutResult<O> fanOut(FanOut fanOut, Class<O> resultType) {
        Objects.requireNonNull(fanOut, "fanOut");
        splitBrain.require("the fan-out of function " + fanOut.function());
        return fanOuts.run(fanOut, resultType, resultDecoders.get(resultType));
    }

    /**
     * Starts a call: a synchronous one is sent by its waiting caller, which also watches its
     * deadline; one that nobody waits for ({@code answers} set) is sent here and watched by the
     * sweeper, and its answer read on {@code answers}.
     *
     * @param recorded whether the call keeps a record, written before it leaves
     * @param answers  where the answer of a call nobody waits for is read, or null for a synchronous call
     */
    private <O> Call<O> start(Invocation invocation, Class<O> resultType, boolean recorded,
                              java.util.concurrent.Executor answers) {
        Objects.requireNonNull(invocation, "invocation");
        Objects.requireNonNull(resultType, "resultType");
        splitBrain.requireForFunction(invocation.function());
        Payload input = CallerErrors.encodeInput(codec, invocation.function(), invocation.input());
        FunctionSpec spec = specs.find(invocation.function(), invocation.version());
        boolean explicit = invocation.timeout() != null;
        Duration timeout = CallerErrors.timeoutOf(invocation.timeout(), spec, defaultTimeout);
        InvocationRequest request = new InvocationRequest(invocation.function(), invocation.version(), InvocationIds.random(),
                invocation.map(), invocation.key(), timeout.toNanos(), explicit, input, invocation.idempotencyKey());
        // An asynchronous call's record is written by the member that runs it, which a partition
        // thread must not wait for: it runs on the invocation executor.
        Transports.Route route = recorded ? Transports.Route.EXECUTOR
                : Transports.route(spec, invocation.idempotencyKey() != null, transport,
                partitionThreadFunctions.contains(invocation.function()),
                refusedByOwner.contains(invocation.function()));
        Call<O> call = new Call<>(this, request, resultType, System.nanoTime() + timeout.toNanos(), answers, route);
        if (tracing.enabled()) {
            io.opentelemetry.api.trace.Span span = tracing.startCall(request);
            call.span = span;
            call.result.whenComplete((output, error) -> CallTracing.end(span,
                    error == null ? "success" : error.getClass().getSimpleName(), error != null));
        }
        if (recorded) {
            // The record says running before the call leaves, so the member's final record, written
            // after the call ran, always lands last.
            request.recorded(true);
            deadlines.watch(call);
            records.setAsync(request.invocationId().toString(),
                    StoredInvocation.running(request.function(), request.version(), System.currentTimeMillis(),
                            CallTracing.traceId(request.traceParent())),
                    invocationRetention.toMillis(), TimeUnit.MILLISECONDS)
                    .whenCompleteAsync((stored, error) -> send(call), callbacks);
        } else if (answers != null) {
            deadlines.watch(call);
            if (transports.opened(request)) {
                send(call);
            } else {
                // Its map's first use here creates the map's proxy, which may wait for the map's
                // store to load: not on a thread that must not wait.
                try {
                    callbacks.execute(() -> send(call));
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    call.failUnanswered(new NoMembersException("this invoker is closed; function "
                            + invocation.function() + " was not sent"));
                }
            }
        }
        return call;
    }

    /** Sends a call nobody waits for; its answer is read on the call's own executor. */
    private <O> void send(Call<O> call) {
        java.util.concurrent.CompletableFuture<Object> sent = transmit(call);
        if (sent != null) {
            sent.whenCompleteAsync(call, call.answers);
        }
    }

    /**
     * Puts a call on the wire, picking its transport: the grid's future of the answer, or null when
     * it was not sent (this member fenced: the call was scheduled again, or failed).
     */
    private <O> java.util.concurrent.CompletableFuture<Object> transmit(Call<O> call) {
        InvocationRequest request = call.request;
        if (fence != null && fence.fenced()) {
            // This member stood still and may have been declared dead: send nothing until it knows.
            sendAgain(call, "this member stood still long enough to be declared dead; function "
                    + request.function() + " was not sent before its deadline");
            return null;
        }
        try {
            if (request.map() == null) {
                call.routedBy = transports.routingKey(request);
            }
            return transports.send(request, call.route, call.routedBy);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    <O> void answered(Call<O> call, InvocationResponse response, Throwable error) {
        if (call.result.isDone()) {
            return;
        }
        if (error != null) {
            failedToReach(call, CallerErrors.unwrap(error));
            return;
        }
        if (response == null) {
            call.failUnanswered(new TimedOutException("function " + call.request.function()
                    + " did not start: its key stayed locked until the wait expired"));
            return;
        }
        if (response.status() == Status.WRONG_TRANSPORT && call.route != Transports.Route.EXECUTOR) {
            // Only where the caller's spec was stale (the function changed since), or the member
            // had not loaded the function yet and would not load it on a partition thread, or a
            // function this caller had no spec of keeps a record, or its map stores on threads of
            // its own: the owner's route refuses those, and this caller sends them by executor.
            if (call.route == Transports.Route.OWNER) {
                refusedByOwner.add(call.request.function());
            }
            call.route = Transports.Route.EXECUTOR;
            partitionThreadFunctions.remove(call.request.function());
            resend(call, 0);
            return;
        }
        if (response.status() == Status.OUTCOME_UNKNOWN && call.request.idempotencyKey() != null) {
            // Its record makes a second run safe: it runs as a rerun, or answers from the record.
            sendAgain(call, "the outcome of function " + call.request.function()
                    + " was unknown, and its deadline allowed no further try");
            return;
        }
        if (response.status() == Status.NOT_APPLIED) {
            // Nothing applied (a transaction rolled back, the key changed underneath, a member
            // fenced or stopping): it goes again.
            sendAgain(call, "function " + call.request.function() + " was not applied ("
                    + response.errorMessage() + "), and its deadline allowed no further try");
            return;
        }
        if (response.status() != Status.OK) {
            call.fail(response.exception(call.request.function()));
            return;
        }
        if (response.partitionThread() && (call.route == Transports.Route.EXECUTOR || call.route == Transports.Route.OWNER)
                && call.request.idempotencyKey() == null) {
            partitionThreadFunctions.add(call.request.function());
        }
        Object output;
        try {
            output = resultDecoders.get(call.resultType).decode(response.format(), response.output());
        } catch (IOException | RuntimeException e) {
            call.fail(new BadInputException("the output of function " + call.request.function() + " is not a "
                    + call.resultType.getName() + ": " + e.getMessage(), e));
            return;
        }
        call.succeed(new InvocationResult<>(call.resultType.cast(output), call.request.function(),
                response.version(), call.request.invocationId().toString(), response.member(),
                call.request.attempt()));
    }

    /** No member answered: the call goes again where that is safe, else fails typed. */
    private <O> void failedToReach(Call<O> call, Throwable error) {
        String function = call.request.function();
        if (CallerErrors.memberLost(error)) {
            sendAgain(call, "the member running function " + function + " left, and its deadline allowed no further try");
            return;
        }
        if (error instanceof IndeterminateOperationStateException && call.request.idempotencyKey() != null) {
            // Its record, written with its effects, decides: a second run answers from it.
            sendAgain(call, "the outcome of function " + function
                    + " was indeterminate, and its deadline allowed no further try");
            return;
        }
        call.failUnanswered(CallerErrors.unreachable(function, error));
    }

    /** Sends a call that did not apply again after a pause, if its deadline allows, else fails it as unreachable. */
    private <O> void sendAgain(Call<O> call, String exhausted) {
        if (!hazelcast.getLifecycleService().isRunning()) {
            call.failUnanswered(new NoMembersException("this instance is shut down; function "
                    + call.request.function() + " was not sent"));
            return;
        }
        long remaining = call.deadlineNanos - System.nanoTime();
        if (remaining > TimeUnit.MILLISECONDS.toNanos(RETRY_PAUSE_MILLIS)) {
            retries.increment(call.request.function());
            if (call.span != null) {
                call.span.addEvent("sent again", io.opentelemetry.api.common.Attributes.of(CallTracing.ATTEMPT,
                        (long) call.request.attempt() + 1));
            }
            call.request.nextAttempt(remaining);
            resend(call, TimeUnit.MILLISECONDS.toNanos(RETRY_PAUSE_MILLIS));
            return;
        }
        call.failUnanswered(new NoMembersException(exhausted));
    }

    /**
     * Sends a call again after a pause: a synchronous one from its caller's loop, an asynchronous
     * one from the retry timer.
     */
    private <O> void resend(Call<O> call, long pauseNanos) {
        if (!call.watched()) {
            call.resend = true;
            call.resendPauseNanos = pauseNanos;
            return;
        }
        retryTimer.schedule(() -> send(call), pauseNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        retryTimer.shutdownNow();
        callbacks.shutdown();
    }

    /** A member's answer as the grid handed it over. */
    InvocationResponse response(Object answer) {
        return transports.response(answer);
    }

    /** A recorded call that failed before any member answered: the caller finishes its record. */
    void recordUnanswered(InvocationRequest request, GridletException error) {
        records.setAsync(request.invocationId().toString(), StoredInvocation.unanswered(request.function(),
                request.version(), System.currentTimeMillis(), error.getClass().getSimpleName(),
                error.getMessage(), CallTracing.traceId(request.traceParent())), invocationRetention.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Cancels a call on the member running it: best effort, the caller does not wait. */
    void cancelOnMember(InvocationRequest request, Object routedBy) {
        Object key = request.key() != null ? request.key() : routedBy;
        Member member = key == null ? null : hazelcast.getPartitionService().getPartition(key).getOwner();
        if (member != null) {
            admin.submitToMember(new CancelTask(request.invocationId()), member);
        } else {
            admin.submitToAllMembers(new CancelTask(request.invocationId()));
        }
    }

    DeadlineSweeper deadlines() {
        return deadlines;
    }

    /**
     * How this caller sends calls.
     *
     * @param transport           how calls routed by map and key travel
     * @param defaultTimeout      the deadline of calls to functions this caller knows no spec of
     * @param invocationRetention how long the record of a call started asynchronously stays readable
     */
    public record Options(KeyRoutedTransport transport, Duration defaultTimeout, Duration invocationRetention) {
        public Options {
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(defaultTimeout, "defaultTimeout");
            Objects.requireNonNull(invocationRetention, "invocationRetention");
        }
    }
}
