package io.gridlet.api;

/**
 * The parent of errors raised before the function ran: trying the same call again later may
 * succeed, and cannot apply it twice.
 */
public abstract class RetriableException extends GridletException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with its message.
     *
     * @param message what happened, for people
     */
    protected RetriableException(String message) {
        super(message, false);
    }
}
