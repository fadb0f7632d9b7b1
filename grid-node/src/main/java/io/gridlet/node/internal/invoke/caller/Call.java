package io.gridlet.node.internal.invoke.caller;

import io.gridlet.api.GridletException;
import io.gridlet.api.TimedOutException;
import io.gridlet.node.InvocationFuture;
import io.gridlet.node.InvocationResult;
import io.gridlet.node.internal.invoke.DeadlineSweeper;
import io.gridlet.node.internal.invoke.wire.InvocationRequest;
import java.util.concurrent.TimeUnit;

/**
 * One call in flight: its request, its result, and the callbacks of every transport and of its
 * deadline, in one object so that no call allocates a lambda.
 */
final class Call<O> implements java.util.function.BiConsumer<Object, Throwable>, DeadlineSweeper.Expiring {

    final InvocationRequest request;
    final Class<O> resultType;
    final long deadlineNanos;
    /** Where the answer of a call nobody waits for is read and its future completed; null for a synchronous call. */
    final java.util.concurrent.Executor answers;
    /** How it travels; the executor route once a member refused another. */
    volatile Transports.Route route;
    final CancellableResult<O> result = new CancellableResult<>(this);
    /** The key that chose the member of an unrouted call, so that a cancel reaches that member alone. */
    volatile Object routedBy;
    /** A synchronous call's loop: send it again after {@link #resendPauseNanos}. */
    boolean resend;
    long resendPauseNanos;
    /** The caller's span, when tracing is on; ended when the result completes. */
    io.opentelemetry.api.trace.Span span;

    private final ClusterInvoker invoker;

    Call(ClusterInvoker invoker, InvocationRequest request, Class<O> resultType, long deadlineNanos,
         java.util.concurrent.Executor answers, Transports.Route route) {
        this.invoker = invoker;
        this.request = request;
        this.resultType = resultType;
        this.deadlineNanos = deadlineNanos;
        this.answers = answers;
        this.route = route;
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos + ClusterInvoker.ANSWER_GRACE_NANOS;
    }

    /** Whether nobody waits for the call: the sweeper watches its deadline, and the retry timer sends it again. */
    boolean watched() {
        return answers != null;
    }

    /** The answer of a call nobody waits for, on its {@link #answers} executor. */
    @Override
    public void accept(Object answer, Throwable error) {
        invoker.answered(this, error == null ? invoker.response(answer) : null, error);
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
        if (request.recorded()) {
            invoker.recordUnanswered(request, error);
        }
    }

    /** Cancels the call on the member running it: best effort, the caller does not wait. */
    void cancelRemotely() {
        stopWatching();
        invoker.cancelOnMember(request, routedBy);
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
        if (watched()) {
            invoker.deadlines().unwatch(this);
        }
    }

    /** A call's future whose cancellation reaches the member running the call. */
    static final class CancellableResult<T> extends InvocationFuture<T> {
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
}
