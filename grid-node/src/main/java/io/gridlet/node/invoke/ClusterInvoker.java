package io.gridlet.node.invoke;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import io.gridlet.api.BadInputException;
import io.gridlet.api.FunctionFailedException;
import io.gridlet.api.GridletException;
import io.gridlet.api.NoMembersException;
import io.gridlet.api.OverloadedException;
import io.gridlet.api.TimedOutException;
import io.gridlet.api.UnknownFunctionException;
import io.gridlet.node.Invocation;
import io.gridlet.node.InvocationResult;
import io.gridlet.node.Invoker;
import io.gridlet.node.KeyRoutedTransport;
import io.gridlet.node.internal.HazelcastConfigFactory;
import io.gridlet.node.metrics.GridletMeters;
import io.gridlet.node.registry.FunctionRegistry;
import io.gridlet.node.registry.RegisteredFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
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
    private final FunctionRegistry localFunctions;
    private final KeyRoutedTransport transport;
    private final Duration defaultTimeout;
    private final IExecutorService executor;
    private final Counter retries;
    private final ScheduledThreadPoolExecutor retryTimer;
    private final DeadlineSweeper deadlines;
    private final AtomicInteger nextMember = new AtomicInteger();
    private final ClassValue<PayloadCodec.Decoder> resultDecoders = new ClassValue<>() {
        @Override
        protected PayloadCodec.Decoder computeValue(Class<?> type) {
            return codec.decoderFor(type);
        }
    };
    private volatile Member[] members;

    /**
     * @param localFunctions the functions of this member, whose timeouts the caller can read; for
     *                       a client, an empty registry
     */
    public ClusterInvoker(HazelcastInstance hazelcast, PayloadCodec codec, FunctionRegistry localFunctions,
                          KeyRoutedTransport transport, Duration defaultTimeout, DeadlineSweeper deadlines,
                          MeterRegistry meterRegistry) {
        this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.localFunctions = Objects.requireNonNull(localFunctions, "localFunctions");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        this.executor = hazelcast.getExecutorService(HazelcastConfigFactory.INVOCATION_EXECUTOR);
        this.retries = Counter.builder(GridletMeters.FUNCTION_RETRIES)
                .description("Calls sent again after their member left")
                .register(meterRegistry);
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        // Only retries after a member loss wait here, never a call that goes well.
        this.retryTimer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "gridlet-retries");
            thread.setDaemon(true);
            return thread;
        });
        this.members = hazelcast.getCluster().getMembers().toArray(new Member[0]);
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                members = event.getMembers().toArray(new Member[0]);
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                members = event.getMembers().toArray(new Member[0]);
            }
        });
    }

    @Override
    public <O> InvocationResult<O> call(Invocation invocation, Class<O> resultType) {
        Call<O> call = start(invocation, resultType, false);
        try {
            return call.result.get(call.deadlineNanos - System.nanoTime() + ANSWER_GRACE_NANOS, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
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
    public <O> CompletableFuture<InvocationResult<O>> callAsync(Invocation invocation, Class<O> resultType) {
        return start(invocation, resultType, true).result;
    }

    /** Sends a call; an async one is watched by the sweeper, a sync one by its waiting caller. */
    private <O> Call<O> start(Invocation invocation, Class<O> resultType, boolean watch) {
        Objects.requireNonNull(invocation, "invocation");
        Objects.requireNonNull(resultType, "resultType");
        Payload input;
        try {
            input = codec.encode(invocation.input());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("the input of function " + invocation.function() + " cannot be sent: "
                    + e.getMessage(), e);
        }
        boolean explicit = invocation.timeout() != null;
        Duration timeout = explicit ? invocation.timeout() : timeoutOf(invocation);
        InvocationRequest request = new InvocationRequest(invocation.function(), invocation.version(), randomId(),
                invocation.map(), invocation.key(), timeout.toNanos(), explicit, input, invocation.idempotencyKey());
        Call<O> call = new Call<>(request, resultType, System.nanoTime() + timeout.toNanos(), watch);
        if (watch) {
            deadlines.watch(call);
        }
        send(call);
        return call;
    }

    private Duration timeoutOf(Invocation invocation) {
        RegisteredFunction local = localFunctions.resolve(invocation.function(), invocation.version());
        return local == null ? defaultTimeout : local.spec().timeout();
    }

    private <O> void send(Call<O> call) {
        InvocationRequest request = call.request;
        try {
            if (request.map() != null && transport == KeyRoutedTransport.ENTRY_PROCESSOR) {
                hazelcast.<Object, Object>getMap(request.map())
                        .submitToKey(request.key(), new InvokeEntryProcessor(request))
                        .whenComplete(call);
            } else if (request.key() != null) {
                executor.submitToKeyOwner(new InvokeTask(request), request.key(), call);
            } else {
                Member[] current = members;
                if (current.length == 0) {
                    call.fail(new NoMembersException("no member can run function " + request.function()));
                    return;
                }
                Member target = current[Math.floorMod(nextMember.getAndIncrement(), current.length)];
                executor.submitToMember(new InvokeTask(request), target, call);
            }
        } catch (RuntimeException e) {
            call.accept(null, e);
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
            call.fail(new TimedOutException("function " + call.request.function()
                    + " did not start: its key stayed locked until the wait expired"));
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
            call.fail(new OverloadedException("the member's invocation queue is full; function "
                    + call.request.function() + " did not run"));
            return;
        }
        if (error instanceof OperationTimeoutException) {
            call.fail(new TimedOutException("function " + call.request.function() + " timed out: " + error.getMessage()));
            return;
        }
        if (memberLost(error)) {
            if (!hazelcast.getLifecycleService().isRunning()) {
                call.fail(new NoMembersException("this instance is shut down; function "
                        + call.request.function() + " was not sent"));
                return;
            }
            long remaining = call.deadlineNanos - System.nanoTime();
            if (remaining > TimeUnit.MILLISECONDS.toNanos(RETRY_PAUSE_MILLIS)) {
                retries.increment();
                call.request.nextAttempt(remaining);
                retryTimer.schedule(() -> send(call), RETRY_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            call.fail(new NoMembersException("the member running function " + call.request.function()
                    + " left, and its deadline allowed no further try"));
            return;
        }
        if (error instanceof GridletException gridlet) {
            call.fail(gridlet);
            return;
        }
        call.fail(new GridletException("function " + call.request.function() + " could not be invoked: "
                + error.getClass().getSimpleName() + ": " + error.getMessage(), error));
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
        return new GridletException("function " + function + " could not be invoked: " + error, error);
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
    }

    /**
     * One call in flight: its request, its result, and the callbacks of every transport and of its
     * deadline, in one object so that no call allocates a lambda.
     */
    private final class Call<O> implements ExecutionCallback<InvocationResponse>,
            java.util.function.BiConsumer<InvocationResponse, Throwable>, DeadlineSweeper.Expiring {

        final InvocationRequest request;
        final Class<O> resultType;
        final long deadlineNanos;
        final boolean watched;
        final CompletableFuture<InvocationResult<O>> result = new CompletableFuture<>();

        Call(InvocationRequest request, Class<O> resultType, long deadlineNanos, boolean watched) {
            this.request = request;
            this.resultType = resultType;
            this.deadlineNanos = deadlineNanos;
            this.watched = watched;
        }

        @Override
        public long deadlineNanos() {
            return deadlineNanos + ANSWER_GRACE_NANOS;
        }

        @Override
        public void onResponse(InvocationResponse response) {
            answered(this, response, null);
        }

        @Override
        public void onFailure(Throwable t) {
            answered(this, null, t);
        }

        @Override
        public void accept(InvocationResponse response, Throwable error) {
            answered(this, response, error);
        }

        /** The deadline passed with no answer. */
        @Override
        public void expire() {
            long millis = TimeUnit.NANOSECONDS.toMillis(request.timeoutNanos());
            result.completeExceptionally(new TimedOutException("function " + request.function()
                    + " did not answer within its deadline of " + millis + " ms"));
        }

        void succeed(InvocationResult<O> value) {
            stopWatching();
            result.complete(value);
        }

        void fail(GridletException error) {
            stopWatching();
            result.completeExceptionally(error);
        }

        private void stopWatching() {
            if (watched) {
                deadlines.unwatch(this);
            }
        }
    }
}
