package io.gridlet.api;

/** Thrown when a deploy names a version that already exists with different contents. Versions are immutable. */
public class VersionConflictException extends GridletException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with its message.
     *
     * @param message what happened, for people
     */
    public VersionConflictException(String message) {
        super(message);
    }
}
