package io.gridlet.api;

/** Thrown when no record exists for an invocation id: it never existed, or its retention passed. */
public class UnknownInvocationException extends GridletException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with its message.
     *
     * @param message what happened, for people
     */
    public UnknownInvocationException(String message) {
        super(message);
    }
}
