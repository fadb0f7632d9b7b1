package io.gridlet.api;

/**
 * Thrown when a call's deadline passed before its result arrived. The function may or may not
 * have completed: use an idempotency key to retry safely. Its thread was interrupted.
 */
public class TimedOutException extends GridletException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with its message.
     *
     * @param message what happened, for people
     */
    public TimedOutException(String message) {
        super(message, false);
    }
}
