package io.gridlet.api;

/**
 * Thrown when no member could run the call: the cluster has no data member, or every member it
 * was sent to left before running it and the deadline allowed no further try. A kind of
 * {@link UnavailableException}.
 */
public class NoMembersException extends UnavailableException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with its message.
     *
     * @param message what happened, for people
     */
    public NoMembersException(String message) {
        super(message);
    }
}
