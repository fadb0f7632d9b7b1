package io.gridlet.api;

/** Thrown when a call names a function, or a version of one, that the executing member does not have. */
public class UnknownFunctionException extends GridletException {

    private static final long serialVersionUID = 1L;

    /** The name that was not found. */
    private final String functionName;

    /**
     * A function, or a version of it, is not there.
     *
     * @param functionName the name asked for
     * @param message      what is missing, for people
     */
    public UnknownFunctionException(String functionName, String message) {
        super(message);
        this.functionName = functionName;
    }

    /** {@return the name that was not found} */
    public String functionName() {
        return functionName;
    }
}
