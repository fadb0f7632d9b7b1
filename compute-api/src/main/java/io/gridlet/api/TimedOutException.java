package io.gridlet.api;

/**
 * Thrown when a call's deadline passed before its result arrived. The function may or may not
 * have completed: use an idempotency key to retry safely. Its thread was interrupted.
 */
public class TimedOutException extends GridletException {

    private static final long serialVersionUID = 1L;

    public TimedOutException(String message) {
        super(message, false);
    }
}
