package io.gridlet.api;

/**
 * Thrown when the call ran but the grid cannot say whether its writes were kept: the member that
 * applied them did not hear from its backups before one of them failed, or the commit of a
 * transactional function failed part way. The writes may be kept or lost. A call with an idempotency key is never answered with this (it is sent again, and its
 * record decides); without one, read the data back or retry with a key.
 */
public class OutcomeUnknownException extends TimedOutException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with its message.
     *
     * @param message what happened, for people
     */
    public OutcomeUnknownException(String message) {
        super(message);
    }
}
