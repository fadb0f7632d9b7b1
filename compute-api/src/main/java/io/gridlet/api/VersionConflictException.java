package io.gridlet.api;

/** Thrown when a deploy names a version that already exists with different contents. Versions are immutable. */
public class VersionConflictException extends GridletException {

    private static final long serialVersionUID = 1L;

    public VersionConflictException(String message) {
        super(message);
    }
}
