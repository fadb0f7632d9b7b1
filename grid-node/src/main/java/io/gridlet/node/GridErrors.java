package io.gridlet.node;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.HazelcastOverloadException;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.gridlet.api.GridletException;
import io.gridlet.api.OutcomeUnknownException;
import io.gridlet.api.OverloadedException;
import io.gridlet.api.TimedOutException;
import io.gridlet.api.UnavailableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns what the grid threw into the typed error a caller can act on, so that no Hazelcast
 * exception reaches a user of Gridlet: a write refused below the split-brain quorum, or by a
 * member shutting down or gone, is {@link UnavailableException}; a write whose backups did not
 * confirm it is {@link OutcomeUnknownException}; an operation past its timeout is
 * {@link TimedOutException}; Hazelcast's own back-pressure is {@link OverloadedException}.
 * Anything else stays a plain {@link GridletException} carrying its cause.
 *
 * <p>Stateless and thread-safe.
 */
public final class GridErrors {

    private GridErrors() {
    }

    /**
     * The typed error for what an operation on the grid threw.
     *
     * @param error  what an operation on the grid threw (unwrapped from completion wrappers here)
     * @param action what was being done, for the message: {@code "writing map orders"}
     * @return the error to throw: Gridlet's own errors as they are, Hazelcast's translated
     */
    public static GridletException translate(Throwable error, String action) {
        Throwable cause = unwrap(error);
        if (cause instanceof GridletException gridlet) {
            return gridlet;
        }
        if (cause instanceof SplitBrainProtectionException) {
            return new UnavailableException(action + " was refused: this member has lost its quorum (it hears from "
                    + "fewer members than split-brain protection needs, so it may be cut off from the rest of the "
                    + "cluster); try again once it has them, or on another member");
        }
        if (cause instanceof IndeterminateOperationStateException) {
            return new OutcomeUnknownException(action + " may or may not have been applied: a backup did not "
                    + "confirm it before the deadline, for its member failed or is unreachable");
        }
        if (cause instanceof OperationTimeoutException) {
            return new TimedOutException(action + " did not finish in time: " + cause.getMessage());
        }
        if (cause instanceof HazelcastOverloadException) {
            return new OverloadedException(action + " was refused: the member has too many operations in flight");
        }
        if (cause instanceof HazelcastInstanceNotActiveException) {
            return new UnavailableException(action + " was refused: the member is shutting down");
        }
        if (cause instanceof RetryableException || cause instanceof TargetDisconnectedException) {
            return new UnavailableException(action + " was refused: the member that owns the data left or is "
                    + "unreachable (" + cause.getClass().getSimpleName() + "); try again");
        }
        return new GridletException(action + " failed: " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage(), cause);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
