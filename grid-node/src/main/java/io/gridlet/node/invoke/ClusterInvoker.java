package io.gridlet.node.invoke;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.gridlet.api.BadInputException;
import io.gridlet.api.FunctionFailedException;
import io.gridlet.api.GridletException;
import io.gridlet.api.NoMembersException;
import io.gridlet.api.OutcomeUnknownException;
import io.gridlet.api.OverloadedException;
import io.gridlet.api.TimedOutException;
import io.gridlet.api.UnavailableException;
import io.gridlet.api.UnknownFunctionException;
import io.gridlet.node.FanOut;
import io.gridlet.node.FanOutResult;
import io.gridlet.node.Invocation;
import io.gridlet.node.InvocationFuture;
import io.gridlet.node.InvocationResult;
import io.gridlet.node.Invoker;
import io.gridlet.node.KeyRoutedTransport;
import io.gridlet.node.internal.HazelcastConfigFactory;
import io.gridlet.node.internal.SplitBrainGuard;
import io.gridlet.node.metrics.GridletMeters;
import io.gridlet.node.FunctionSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
    private static final long ANSWER_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long RETRY_PAUSE_MILLIS = 20;

    private final HazelcastInstance hazelcast;
    private final PayloadCodec codec;
    private final FunctionSpecs specs;
    private final KeyRoutedTransport transport;
    private final Duration defaultTimeout;
    private final IExecutorService executor;
    private final IMap<Object, Object> routing;
    private volatile com.hazelcast.internal.serialization.SerializationService serialization;
    private final Counter retries;
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
    private final AtomicInteger nextMember = new AtomicInteger();
    private final ClassValue<PayloadCodec.Decoder> resultDecoders = new ClassValue<>() {
        @Override
        protected PayloadCodec.Decoder computeValue(Class<?> type) {
            return codec.decoderFor(type);
        }
    };
    /** Functions found transactional by a member's answer, for callers whose specs do not say. */
    private final java.util.Set<String> transactional = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param specs what this caller knows of functions: their timeouts, and which are
     *              transactional (those travel by executor, never as an entry processor)
     */
    public ClusterInvoker(HazelcastInstance hazelcast, PayloadCodec codec, FunctionSpecs specs,
                          KeyRoutedTransport transport, Duration defaultTimeout, DeadlineSweeper deadlines,
                          Duration invocationRetention, MeterRegistry meterRegistry) {
        this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.specs = Objects.requireNonNull(specs, "specs");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        this.executor = hazelcast.getExecutorService(HazelcastConfigFactory.INVOCATION_EXECUTOR);
        this.routing = hazelcast.getMap(InvokeReadOnlyProcessor.ROUTING_MAP);
        this.retries = Counter.builder(GridletMeters.FUNCTION_RETRIES)
                .description("Calls sent again after their member left")
                .register(meterRegistry);
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
        Call<O> call = start(invocation, resultType, false);
        try {
            while (!call.result.isDone()) {
                call.resend = false;
                java.util.concurrent.CompletableFuture<Object> sent = transmit(call);
                if (sent != null) {
                    InvocationResponse response = null;
                    Throwable error = null;
                    try {
                        response = responseOf(sent.get(call.deadlineNanos - System.nanoTime() + ANSWER_GRACE_NANOS,
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
            throw asGridletException(invocation.function(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            call.expire();
            throw asGridletException(invocation.function(), call.result.handle((r, t) -> t).join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.result.cancel(true);
            throw new GridletException("interrupted while waiting for function " + invocation.function(), e);
        }
    }

    @Override
    public <O> InvocationFuture<O> callAsync(Invocation invocation, Class<O> resultType) {
        return start(invocation, resultType, true).result;
    }

    @Override
    public <O> FanOutResult<O> fanOut(FanOut fanOut, Class<O> resultType) {
        Objects.requireNonNull(fanOut, "fanOut");
        splitBrain.require("the fan-out of function " + fanOut.function());
        Payload input;
        try {
            input = codec.encode(fanOut.input());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("the input of function " + fanOut.function() + " cannot be sent: "
                    + e.getMessage(), e);
        }
        FunctionSpec spec = specs.find(fanOut.function(), fanOut.version());
        boolean explicit = fanOut.timeout() != null;
        Duration timeout = explicit ? fanOut.timeout() : spec != null ? spec.timeout() : defaultTimeout;
        long deadline = System.nanoTime() + timeout.toNanos();
        InvocationRequest template = new InvocationRequest(fanOut.function(), fanOut.version(), randomId(), null, null,
                timeout.toNanos(), explicit, input, null);
        PayloadCodec.Decoder decoder = resultDecoders.get(resultType);
        List<FanOutResult.Partial<O>> partials = new ArrayList<>();
        Map<Member, List<Integer>> pending = byOwner(allPartitions(), deadline);
        while (!pending.isEmpty()) {
            Map<Member, java.util.concurrent.Future<InvocationResponse>> running = new LinkedHashMap<>();
            Map<Member, int[]> shares = new LinkedHashMap<>();
            for (Map.Entry<Member, List<Integer>> share : pending.entrySet()) {
                int[] partitions = share.getValue().stream().mapToInt(Integer::intValue).toArray();
                InvocationRequest request = template.forPartitions(randomId(), partitions,
                        Math.max(1, deadline - System.nanoTime()));
                shares.put(share.getKey(), partitions);
                running.put(share.getKey(), executor.submitToMember(new InvokeTask(request), share.getKey()));
            }
            List<Integer> orphaned = new ArrayList<>();
            for (Map.Entry<Member, java.util.concurrent.Future<InvocationResponse>> call : running.entrySet()) {
                InvocationResponse response;
                try {
                    response = call.getValue().get(Math.max(0, deadline - System.nanoTime()) + ANSWER_GRACE_NANOS,
                            TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GridletException("interrupted during the fan-out of " + fanOut.function(), e);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new TimedOutException("the fan-out of function " + fanOut.function()
                            + " did not finish within its deadline of " + timeout.toMillis() + " ms");
                } catch (ExecutionException e) {
                    Throwable cause = unwrap(e.getCause() == null ? e : e.getCause());
                    if (memberLost(cause) || cause instanceof RejectedExecutionException) {
                        retries.increment();
                        for (int partition : shares.get(call.getKey())) {
                            orphaned.add(partition);
                        }
                        continue;
                    }
                    throw asGridletException(fanOut.function(), cause);
                }
                if (response.status() != InvocationResponse.OK) {
                    throw errorOf(template, response);
                }
                try {
                    partials.add(new FanOutResult.Partial<>(response.member(), shares.get(call.getKey()).length,
                            resultType.cast(decoder.decode(response.format(), response.output()))));
                } catch (IOException | RuntimeException e) {
                    throw new BadInputException("the output of function " + fanOut.function() + " is not a "
                            + resultType.getName() + ": " + e.getMessage(), e);
                }
            }
            pending = orphaned.isEmpty() ? Map.of() : byOwner(orphaned, deadline);
        }
        return new FanOutResult<>(partials);
    }

    private List<Integer> allPartitions() {
        List<Integer> all = new ArrayList<>();
        for (com.hazelcast.partition.Partition partition : hazelcast.getPartitionService().getPartitions()) {
            all.add(partition.getPartitionId());
        }
        return all;
    }

    /**
     * Groups partitions by their owner, waiting while a partition has none that is a member (its
     * owner just left and the table is not yet updated), up to the deadline.
     */
    private Map<Member, List<Integer>> byOwner(List<Integer> partitions, long deadline) {
        while (true) {
            Map<Member, List<Integer>> groups = new LinkedHashMap<>();
            java.util.Set<Member> current = hazelcast.getCluster().getMembers();
            // By partition id: PartitionService.getPartition(Object) takes a key, not an id.
            Map<Integer, Member> owners = new java.util.HashMap<>();
            for (com.hazelcast.partition.Partition partition : hazelcast.getPartitionService().getPartitions()) {
                owners.put(partition.getPartitionId(), partition.getOwner());
            }
            boolean settled = true;
            for (int partition : partitions) {
                Member owner = owners.get(partition);
                if (owner == null || !current.contains(owner)) {
                    settled = false;
                    break;
                }
                groups.computeIfAbsent(owner, member -> new ArrayList<>()).add(partition);
            }
            if (settled) {
                return groups;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new NoMembersException("some partitions had no owner before the fan-out's deadline");
            }
            try {
                Thread.sleep(RETRY_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GridletException("interrupted while waiting for partition owners", e);
            }
        }
    }

    /** Sends a call; an async one is watched by the sweeper, a sync one by its waiting caller. */
    private <O> Call<O> start(Invocation invocation, Class<O> resultType, boolean watch) {
        Objects.requireNonNull(invocation, "invocation");
        Objects.requireNonNull(resultType, "resultType");
        splitBrain.require("function " + invocation.function());
        Payload input;
        try {
            input = codec.encode(invocation.input());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("the input of function " + invocation.function() + " cannot be sent: "
                    + e.getMessage(), e);
        }
        FunctionSpec spec = specs.find(invocation.function(), invocation.version());
        boolean explicit = invocation.timeout() != null;
        Duration timeout = explicit ? invocation.timeout() : spec != null ? spec.timeout() : defaultTimeout;
        InvocationRequest request = new InvocationRequest(invocation.function(), invocation.version(), randomId(),
                invocation.map(), invocation.key(), timeout.toNanos(), explicit, input, invocation.idempotencyKey());
        // Idempotent and transactional calls keep a record, which must become durable after the
        // entry's write: they travel by executor (see FunctionRuntime#refuseAsProcessor).
        boolean asProcessor = transport == KeyRoutedTransport.ENTRY_PROCESSOR && invocation.idempotencyKey() == null
                && (spec == null ? !transactional.contains(invocation.function()) : !spec.transactional());
        Call<O> call = new Call<>(request, resultType, System.nanoTime() + timeout.toNanos(), watch, asProcessor);
        if (watch) {
            // The record says running before the call leaves, so the member's final record, written
            // after the call ran, always lands last.
            request.recorded(true);
            deadlines.watch(call);
            records.setAsync(request.invocationId().toString(),
                    StoredInvocation.running(request.function(), request.version(), System.currentTimeMillis()),
                    invocationRetention.toMillis(), TimeUnit.MILLISECONDS)
                    .whenCompleteAsync((stored, error) -> send(call), callbacks);
            return call;
        }
        return call;
    }

    private volatile PauseFence fence;
    private volatile SplitBrainGuard splitBrain = SplitBrainGuard.off();

    /** Sends nothing while this member has lost its quorum (members only; a client has none). */
    public void splitBrainGuard(SplitBrainGuard guard) {
        this.splitBrain = Objects.requireNonNull(guard, "guard");
    }

    /** Sends nothing while this member is fenced after a freeze (members only; a client has no fence). */
    public void pauseFence(PauseFence fence) {
        this.fence = fence;
    }

    /** Sends an asynchronous call; its answer is handled on {@link #callbacks}. */
    private <O> void send(Call<O> call) {
        java.util.concurrent.CompletableFuture<Object> sent = transmit(call);
        if (sent != null) {
            sent.whenCompleteAsync(call, callbacks);
        }
    }

    /**
     * Sends a processor to its key's owner. On a member, the grid's own invocation future: the
     * map's public {@code submitToKey} wraps it in a future that completes through a task on the
     * default async executor, one more task per call that no caller here waits for. Its answer is
     * the response, or the response serialized ({@link #responseOf}).
     */
    @SuppressWarnings("unchecked")
    private java.util.concurrent.CompletableFuture<Object> submit(IMap<Object, Object> map, Object key,
                                                                  EntryProcessor<Object, Object, InvocationResponse> carrier) {
        if (map instanceof com.hazelcast.map.impl.proxy.MapProxyImpl<Object, Object> member) {
            return (java.util.concurrent.CompletableFuture<Object>) (Object) member.executeOnKeyInternal(key, carrier);
        }
        return (java.util.concurrent.CompletableFuture<Object>) (Object) map.submitToKey(key, carrier);
    }

    /** A member's answer, as the grid handed it over. */
    private InvocationResponse responseOf(Object answer) {
        return answer instanceof com.hazelcast.internal.serialization.Data data
                ? serialization().toObject(data) : (InvocationResponse) answer;
    }

    private com.hazelcast.internal.serialization.SerializationService serialization() {
        com.hazelcast.internal.serialization.SerializationService service = serialization;
        if (service == null) {
            service = ((com.hazelcast.spi.impl.SerializationServiceSupport) hazelcast).getSerializationService();
            serialization = service;
        }
        return service;
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
            if (request.map() != null && call.asProcessor) {
                return submit(hazelcast.getMap(request.map()), request.key(), new InvokeEntryProcessor(request));
            }
            if (request.map() != null) {
                // A read-only processor on the routed map itself: it runs on the key's owner, whose
                // partition thread hands it to the invocation executor without a lock; the routed
                // entry serializes calls on the key there (OwnerRoutedEntry).
                return submit(hazelcast.getMap(request.map()), request.key(), new InvokeReadOnlyProcessor(request));
            }
            // No entry to hold: a read-only processor on the routing map, by the call's key, or
            // for an unrouted call by a rotating key, which spreads calls over the partitions.
            Object key = request.key() != null ? request.key() : nextMember.getAndIncrement();
            call.routedBy = key;
            return submit(routing, key, new InvokeReadOnlyProcessor(request));
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    private <O> void answered(Call<O> call, InvocationResponse response, Throwable error) {
        if (call.result.isDone()) {
            return;
        }
        if (error != null) {
            failedToReach(call, unwrap(error));
            return;
        }
        if (response == null) {
            call.failUnanswered(new TimedOutException("function " + call.request.function()
                    + " did not start: its key stayed locked until the wait expired"));
            return;
        }
        if (response.status() == InvocationResponse.WRONG_TRANSPORT && call.asProcessor) {
            if (call.request.idempotencyKey() == null) {
                transactional.add(call.request.function());
            }
            call.asProcessor = false;
            resend(call, 0);
            return;
        }
        if (response.status() == InvocationResponse.OUTCOME_UNKNOWN && call.request.idempotencyKey() != null) {
            // Its record makes a second run safe: it runs as a rerun, or answers from the record.
            sendAgain(call, "the outcome of function " + call.request.function()
                    + " was unknown, and its deadline allowed no further try");
            return;
        }
        if (response.status() == InvocationResponse.NOT_APPLIED) {
            sendAgain(call, "the transaction of function " + call.request.function()
                    + " did not commit, and its deadline allowed no further try");
            return;
        }
        if (response.status() != InvocationResponse.OK) {
            call.fail(errorOf(call.request, response));
            return;
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

    private <O> void failedToReach(Call<O> call, Throwable error) {
        if (error instanceof RejectedExecutionException) {
            call.failUnanswered(new OverloadedException("the member's invocation queue is full; function "
                    + call.request.function() + " did not run"));
            return;
        }
        if (error instanceof OperationTimeoutException) {
            call.failUnanswered(new TimedOutException("function " + call.request.function() + " timed out: " + error.getMessage()));
            return;
        }
        if (memberLost(error)) {
            sendAgain(call, "the member running function " + call.request.function()
                    + " left, and its deadline allowed no further try");
            return;
        }
        if (error instanceof IndeterminateOperationStateException) {
            if (call.request.idempotencyKey() != null) {
                // Its record, written with its effects, decides: a second run answers from it.
                sendAgain(call, "the outcome of function " + call.request.function()
                        + " was indeterminate, and its deadline allowed no further try");
                return;
            }
            call.failUnanswered(new OutcomeUnknownException("function " + call.request.function()
                    + " ran, but a backup did not confirm its writes before a member failed: they may be lost; "
                    + "use an idempotency key to retry safely"));
            return;
        }
        if (error instanceof GridletException gridlet) {
            call.failUnanswered(gridlet);
            return;
        }
        if (error instanceof SplitBrainProtectionException) {
            call.failUnanswered(new UnavailableException("function " + call.request.function()
                    + " was refused by its member, which has lost its quorum: " + error.getMessage()));
            return;
        }
        call.failUnanswered(new GridletException("function " + call.request.function() + " could not be invoked: "
                + error.getClass().getSimpleName() + ": " + error.getMessage(), error));
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
            retries.increment();
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
        if (!call.watched) {
            call.resend = true;
            call.resendPauseNanos = pauseNanos;
            return;
        }
        retryTimer.schedule(() -> send(call), pauseNanos, TimeUnit.NANOSECONDS);
    }

    private static boolean memberLost(Throwable error) {
        return error instanceof RetryableException
                || error instanceof HazelcastInstanceNotActiveException
                || error instanceof TargetDisconnectedException;
    }

    private static GridletException errorOf(InvocationRequest request, InvocationResponse response) {
        String function = request.function();
        return switch (response.status()) {
            case InvocationResponse.UNKNOWN_FUNCTION -> new UnknownFunctionException(function,
                    response.errorMessage() + " " + response.member());
            case InvocationResponse.BAD_INPUT -> new BadInputException(response.errorMessage());
            case InvocationResponse.FAILED -> new FunctionFailedException(function, response.errorClass(),
                    response.errorMessage());
            case InvocationResponse.TIMED_OUT -> new TimedOutException(response.errorMessage());
            case InvocationResponse.OVERLOADED -> new OverloadedException(response.errorMessage());
            case InvocationResponse.OUTCOME_UNKNOWN -> new OutcomeUnknownException(response.errorMessage()
                    + "; use an idempotency key to retry safely");
            case InvocationResponse.UNAVAILABLE -> new UnavailableException(response.errorMessage());
            default -> new GridletException("function " + function + " answered with unknown status "
                    + response.status());
        };
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && !(current instanceof RetryableException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static GridletException asGridletException(String function, Throwable error) {
        if (error instanceof GridletException gridlet) {
            return gridlet;
        }
        if (error instanceof CancellationException) {
            return new GridletException("the call of function " + function + " was cancelled", error);
        }
        return io.gridlet.node.GridErrors.translate(error, "the call of function " + function);
    }

    /** A random version-4 id, without {@code SecureRandom}: ids must be unique, not secret. */
    private static UUID randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    @Override
    public void close() {
        retryTimer.shutdownNow();
        callbacks.shutdown();
    }

    /** A call's future whose cancellation reaches the member running the call. */
    private static final class CancellableResult<T> extends InvocationFuture<T> {
        private final Call<T> call;

        CancellableResult(Call<T> call) {
            this.call = call;
        }

        @Override
        public String invocationId() {
            return call.request.invocationId().toString();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                call.cancelRemotely();
            }
            return cancelled;
        }
    }

    /**
     * One call in flight: its request, its result, and the callbacks of every transport and of its
     * deadline, in one object so that no call allocates a lambda.
     */
    private final class Call<O> implements java.util.function.BiConsumer<Object, Throwable>, DeadlineSweeper.Expiring {

        final InvocationRequest request;
        final Class<O> resultType;
        final long deadlineNanos;
        final boolean watched;
        volatile boolean asProcessor;
        final CancellableResult<O> result = new CancellableResult<>(this);
        /** The key that chose the member of an unrouted call, so that a cancel reaches that member alone. */
        volatile Object routedBy;
        /** A synchronous call's loop: send it again after {@link #resendPauseNanos}. */
        boolean resend;
        long resendPauseNanos;

        Call(InvocationRequest request, Class<O> resultType, long deadlineNanos, boolean watched,
             boolean asProcessor) {
            this.request = request;
            this.resultType = resultType;
            this.deadlineNanos = deadlineNanos;
            this.watched = watched;
            this.asProcessor = asProcessor;
        }

        @Override
        public long deadlineNanos() {
            return deadlineNanos + ANSWER_GRACE_NANOS;
        }

        /** An asynchronous call's answer, on {@link #callbacks}. */
        @Override
        public void accept(Object answer, Throwable error) {
            answered(this, error == null ? responseOf(answer) : null, error);
        }

        /** The deadline passed with no answer. */
        @Override
        public void expire() {
            long millis = TimeUnit.NANOSECONDS.toMillis(request.timeoutNanos());
            TimedOutException timedOut = new TimedOutException("function " + request.function()
                    + " did not answer within its deadline of " + millis + " ms");
            if (result.completeExceptionally(timedOut)) {
                recordUnanswered(timedOut);
            }
        }

        /** A call that failed before any member answered: the caller finishes its record. */
        void recordUnanswered(GridletException error) {
            if (watched) {
                records.setAsync(request.invocationId().toString(), StoredInvocation.unanswered(request.function(),
                        request.version(), System.currentTimeMillis(), error.getClass().getSimpleName(),
                        error.getMessage()), invocationRetention.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        /** Cancels the call on the member running it: best effort, the caller does not wait. */
        void cancelRemotely() {
            stopWatching();
            Object key = request.key() != null ? request.key() : routedBy;
            Member member = key == null ? null : hazelcast.getPartitionService().getPartition(key).getOwner();
            if (member != null) {
                admin.submitToMember(new CancelTask(request.invocationId()), member);
            } else {
                admin.submitToAllMembers(new CancelTask(request.invocationId()));
            }
            recordUnanswered(new GridletException("cancelled by the caller"));
        }

        void succeed(InvocationResult<O> value) {
            stopWatching();
            result.complete(value);
        }

        void fail(GridletException error) {
            stopWatching();
            result.completeExceptionally(error);
        }

        /** A failure on the way to a member, with no member answer to record it. */
        void failUnanswered(GridletException error) {
            stopWatching();
            if (result.completeExceptionally(error)) {
                recordUnanswered(error);
            }
        }

        private void stopWatching() {
            if (watched) {
                deadlines.unwatch(this);
            }
        }
    }
}
