package io.gridlet.api;

/**
 * Thrown when the function itself threw. It carries the class name and message of the
 * function's exception; the stack stays on the member that ran it, where it is logged.
 */
public class FunctionFailedException extends GridletException {

    private static final long serialVersionUID = 1L;

    private final String functionName;
    private final String errorClass;
    private final String errorMessage;

    public FunctionFailedException(String functionName, String errorClass, String errorMessage) {
        super(functionName + " failed: " + errorClass + (errorMessage == null ? "" : ": " + errorMessage), false);
        this.functionName = functionName;
        this.errorClass = errorClass;
        this.errorMessage = errorMessage;
    }

    /** The function that threw. */
    public String functionName() {
        return functionName;
    }

    /** The class name of the function's exception, for example {@code java.lang.IllegalStateException}. */
    public String errorClass() {
        return errorClass;
    }

    /** The function's exception message, exactly as thrown; may be {@code null}. */
    public String errorMessage() {
        return errorMessage;
    }
}
