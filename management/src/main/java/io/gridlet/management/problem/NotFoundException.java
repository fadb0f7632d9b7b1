package io.gridlet.management.problem;

/** Thrown by the API when an entry or resource it was asked for does not exist: 404. */
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}
