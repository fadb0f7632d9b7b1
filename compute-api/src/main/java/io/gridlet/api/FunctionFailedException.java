package io.gridlet.api;

/**
 * Thrown when the function itself threw. It carries the class name and message of the
 * function's exception; the stack stays on the member that ran it, where it is logged.
 */
public class FunctionFailedException extends GridletException {

    private static final long serialVersionUID = 1L;

    /** The function that threw. */
    private final String functionName;
    /** The class of what it threw. */
    private final String errorClass;
    /** The message of what it threw. */
    private final String errorMessage;

    /**
     * A function threw.
     *
     * @param functionName the function that threw
     * @param errorClass   the class of what it threw
     * @param errorMessage the message of what it threw, or {@code null}
     */
    public FunctionFailedException(String functionName, String errorClass, String errorMessage) {
        super(functionName + " failed: " + errorClass + (errorMessage == null ? "" : ": " + errorMessage), false);
        this.functionName = functionName;
        this.errorClass = errorClass;
        this.errorMessage = errorMessage;
    }

    /** {@return the function that threw} */
    public String functionName() {
        return functionName;
    }

    /** {@return the class of what the function threw: the user's own, which the caller may not have} */
    public String errorClass() {
        return errorClass;
    }

    /** {@return the message of what the function threw, or {@code null}} */
    public String errorMessage() {
        return errorMessage;
    }
}
