package io.gridlet.api;

/** Thrown when a call names a function, or a version of one, that the executing member does not have. */
public class UnknownFunctionException extends GridletException {

    private static final long serialVersionUID = 1L;

    private final String functionName;

    public UnknownFunctionException(String functionName, String message) {
        super(message);
        this.functionName = functionName;
    }

    /** The function the call named. */
    public String functionName() {
        return functionName;
    }
}
