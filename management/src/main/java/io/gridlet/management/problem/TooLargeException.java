package io.gridlet.management.problem;

/** Thrown when a request body is larger than its limit: 413. */
public class TooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TooLargeException(String message) {
        super(message, null, false, false);
    }
}
