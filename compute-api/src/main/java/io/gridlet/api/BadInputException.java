package io.gridlet.api;

/**
 * Thrown when a call's input cannot be decoded into the function's input type, or a request or
 * jar is malformed. The message names what was wrong and what was expected. Nothing was run and
 * nothing was written.
 */
public class BadInputException extends GridletException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with its message.
     *
     * @param message what was wrong with the input, naming it
     */
    public BadInputException(String message) {
        super(message);
    }

    /**
     * An error with its message and cause.
     *
     * @param message what was wrong with the input, naming it
     * @param cause   what found it wrong
     */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
