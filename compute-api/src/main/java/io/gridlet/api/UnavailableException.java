package io.gridlet.api;

/**
 * Thrown when the grid refuses a request it cannot serve safely right now, before anything was
 * applied: the member that got it has lost its split-brain quorum (it sees fewer members than
 * {@code split-brain-minimum}, so it may be on the small side of a network partition, whose
 * writes the merge would drop), or it is shutting down. Trying again later, or on another
 * member, may succeed, and cannot apply the request twice.
 */
public class UnavailableException extends RetriableException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with its message.
     *
     * @param message what happened, for people
     */
    public UnavailableException(String message) {
        super(message);
    }
}
