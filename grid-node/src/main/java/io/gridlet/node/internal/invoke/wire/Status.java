package io.gridlet.node.internal.invoke.wire;

import io.gridlet.api.BadInputException;
import io.gridlet.api.FunctionFailedException;
import io.gridlet.api.GridletException;
import io.gridlet.api.NoMembersException;
import io.gridlet.api.OutcomeUnknownException;
import io.gridlet.api.OverloadedException;
import io.gridlet.api.TimedOutException;
import io.gridlet.api.UnavailableException;
import io.gridlet.api.UnknownFunctionException;

/**
 * How a call ended, as the member answers it, and the one mapping from that answer to the
 * exception a caller sees. The invoker, the invocation records and the trigger runner all read a
 * response through here. Travels as its {@link #code()}, one byte.
 */
public enum Status {

    OK(0),
    UNKNOWN_FUNCTION(1),
    BAD_INPUT(2),
    /** The function threw: its class and message travel, never the exception itself. */
    FAILED(3),
    TIMED_OUT(4),
    OVERLOADED(5),
    /** A call that keeps a record reached a member as an entry processor: the caller sends it by executor. Never shown to users. */
    WRONG_TRANSPORT(6),
    /**
     * Nothing was applied (a transaction rolled back, a key changed underneath, a member stopping
     * or fenced): the caller sends the call again within its deadline. Past it, no member could
     * take it.
     */
    NOT_APPLIED(7),
    /** The call ran and its commit failed part way: its writes may or may not have been applied. */
    OUTCOME_UNKNOWN(8),
    /** The member refused the call before running it: it has lost its split-brain quorum. */
    UNAVAILABLE(9);

    private static final Status[] BY_CODE = values();

    private final byte code;

    Status(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The status a code stands for; an unknown code (a newer member) reads as a failure of the call. */
    public static Status of(byte code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : FAILED;
    }

    /** The exception a caller of {@code function} sees for this answer; not for {@link #OK}. */
    public GridletException exception(String function, InvocationResponse response) {
        String message = response.errorMessage();
        return switch (this) {
            case UNKNOWN_FUNCTION -> new UnknownFunctionException(function, message + " " + response.member());
            case BAD_INPUT -> new BadInputException(message);
            case FAILED -> new FunctionFailedException(function, response.errorClass(), message);
            case TIMED_OUT -> new TimedOutException(message);
            case OVERLOADED -> new OverloadedException(message);
            case OUTCOME_UNKNOWN -> new OutcomeUnknownException(message + "; use an idempotency key to retry safely");
            case UNAVAILABLE -> new UnavailableException(message);
            case NOT_APPLIED, WRONG_TRANSPORT -> new NoMembersException(message);
            case OK -> throw new IllegalStateException("function " + function + " succeeded: no exception");
        };
    }

    /** The simple name of {@link #exception}'s type, as invocation records and the REST surface name it. */
    public String errorName() {
        return switch (this) {
            case UNKNOWN_FUNCTION -> UnknownFunctionException.class.getSimpleName();
            case BAD_INPUT -> BadInputException.class.getSimpleName();
            case FAILED -> FunctionFailedException.class.getSimpleName();
            case TIMED_OUT -> TimedOutException.class.getSimpleName();
            case OVERLOADED -> OverloadedException.class.getSimpleName();
            case OUTCOME_UNKNOWN -> OutcomeUnknownException.class.getSimpleName();
            case UNAVAILABLE -> UnavailableException.class.getSimpleName();
            case NOT_APPLIED, WRONG_TRANSPORT -> NoMembersException.class.getSimpleName();
            case OK -> null;
        };
    }
}
