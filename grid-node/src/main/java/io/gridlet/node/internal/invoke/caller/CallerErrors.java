package io.gridlet.node.internal.invoke.caller;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.gridlet.api.BadInputException;
import io.gridlet.api.GridletException;
import io.gridlet.api.OutcomeUnknownException;
import io.gridlet.api.OverloadedException;
import io.gridlet.api.TimedOutException;
import io.gridlet.api.UnavailableException;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.Payload;
import io.gridlet.node.internal.codec.PayloadCodec;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/** What the caller's classes share: encoding inputs, timeouts, reading the grid's failures, call ids. */
final class CallerErrors {

    private CallerErrors() {
    }

    /** The member the call went to left or is leaving: the call may go again. */
    static boolean memberLost(Throwable error) {
        return error instanceof RetryableException
                || error instanceof HazelcastInstanceNotActiveException
                || error instanceof TargetDisconnectedException;
    }

    /**
     * The typed error of a call no member answered, for a failure that is not worth sending the
     * call again for: the invocation queue full, the grid's timeout, a write the backups did not
     * confirm before a member failed, a member below its quorum.
     */
    static GridletException unreachable(String function, Throwable error) {
        if (error instanceof RejectedExecutionException) {
            return new OverloadedException("the member's invocation queue is full; function " + function + " did not run");
        }
        if (error instanceof OperationTimeoutException) {
            return new TimedOutException("function " + function + " timed out: " + error.getMessage());
        }
        if (error instanceof IndeterminateOperationStateException) {
            return new OutcomeUnknownException("function " + function
                    + " ran, but a backup did not confirm its writes before a member failed: they may be lost; "
                    + "use an idempotency key to retry safely");
        }
        if (error instanceof GridletException gridlet) {
            return gridlet;
        }
        if (error instanceof SplitBrainProtectionException) {
            return new UnavailableException("function " + function
                    + " was refused by its member, which has lost its quorum: " + error.getMessage());
        }
        return new GridletException("function " + function + " could not be invoked: "
                + error.getClass().getSimpleName() + ": " + error.getMessage(), error);
    }

    /** A call's input as it travels; an input the codec cannot write is the caller's bad input. */
    static Payload encodeInput(PayloadCodec codec, String function, Object input) {
        try {
            return codec.encode(input);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("the input of function " + function + " cannot be sent: " + e.getMessage(), e);
        }
    }

    /** A call's timeout: its own, else its function's, else the invoker's default. */
    static Duration timeoutOf(Duration explicit, FunctionSpec spec, Duration defaultTimeout) {
        return explicit != null ? explicit : spec != null ? spec.timeout() : defaultTimeout;
    }

    /** The failure under the future's wrappers. */
    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && !(current instanceof RetryableException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** A failure the caller did not map itself, as the typed error it is. */
    static GridletException asGridletException(String function, Throwable error) {
        if (error instanceof GridletException gridlet) {
            return gridlet;
        }
        if (error instanceof CancellationException) {
            return new GridletException("the call of function " + function + " was cancelled", error);
        }
        return io.gridlet.node.GridErrors.translate(error, "the call of function " + function);
    }
}
