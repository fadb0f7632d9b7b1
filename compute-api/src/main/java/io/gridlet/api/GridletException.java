package io.gridlet.api;

/**
 * The root of every error Gridlet reports to a caller. Callers switch on the subtype, never on
 * the message:
 * <ul>
 *   <li>{@link UnknownFunctionException}: no such function or version;</li>
 *   <li>{@link BadInputException}: the input, or a jar, is not what was expected;</li>
 *   <li>{@link FunctionFailedException}: the function threw;</li>
 *   <li>{@link TimedOutException}: the deadline passed;</li>
 *   <li>{@link OverloadedException}: a concurrency limit was reached (retriable);</li>
 *   <li>{@link UnavailableException}: the grid refused before applying anything, for example
 *       below its split-brain quorum (retriable); {@link NoMembersException}, one kind of it, says no
 *       member could run the call;</li>
 *   <li>{@link VersionConflictException}: a version exists with other contents;</li>
 *   <li>{@link UnknownInvocationException}: no record of an invocation id.</li>
 * </ul>
 */
public class GridletException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with its message.
     *
     * @param message what happened, for people
     */
    public GridletException(String message) {
        super(message);
    }

    /**
     * An error with its message and cause.
     *
     * @param message what happened, for people
     * @param cause   the error underneath
     */
    public GridletException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An error with its message, with or without a stack trace.
     *
     * @param message            what happened, for people
     * @param writableStackTrace {@code false} for an error that stands for an answer, whose stack says nothing
     */
    protected GridletException(String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
    }
}
