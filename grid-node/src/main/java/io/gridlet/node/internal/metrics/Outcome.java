package io.gridlet.node.internal.metrics;

/** How an invocation ended on its executing member: the {@code outcome} tag. */
public enum Outcome {
    SUCCESS("success"),
    FAILED("failed"),
    BAD_INPUT("bad_input"),
    TIMEOUT("timeout"),
    OVERLOADED("overloaded"),
    UNKNOWN_FUNCTION("unknown_function");

    private final String tag;

    Outcome(String tag) {
        this.tag = tag;
    }

    /** The tag value, as exported. */
    public String tag() {
        return tag;
    }
}
