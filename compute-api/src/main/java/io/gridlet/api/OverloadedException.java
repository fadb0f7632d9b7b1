package io.gridlet.api;

/**
 * Thrown at once, without queueing, when a function's concurrency limit on the executing member
 * or the member's invocation queue is full. The function did not run.
 */
public class OverloadedException extends RetriableException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with its message.
     *
     * @param message what happened, for people
     */
    public OverloadedException(String message) {
        super(message);
    }
}
