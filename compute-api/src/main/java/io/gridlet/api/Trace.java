package io.gridlet.api;

/**
 * The trace of the call a function runs in: what a function adds to its run's span, without
 * OpenTelemetry on the function's classpath.
 *
 * <p>When the member traces (it was given an OpenTelemetry SDK, or {@code gridlet.tracing.otlp-endpoint}
 * is set) and the call is sampled, attributes and events land on the member's span of the run,
 * next to Gridlet's own ({@code gridlet.function}, {@code gridlet.version}, ...). Otherwise every
 * method does nothing, cheaply, and {@link #traceId()} still names the caller's trace if it had one.
 *
 * <p>Keys starting {@code gridlet.} are Gridlet's own and refused. Safe to use from the threads a
 * function starts, while its call runs.
 */
public interface Trace {

    /** {@return the id of the call's trace (32 hex digits), or {@code null} when the call is not traced} */
    String traceId();

    /** {@return whether attributes and events are kept: false when tracing is off or the call was not sampled} */
    boolean isRecording();

    /**
     * Sets an attribute of the run's span.
     *
     * @param key   the attribute's name, for example {@code order.total}
     * @param value its value
     * @return this trace
     * @throws IllegalArgumentException if the key is blank or starts {@code gridlet.}
     * @throws NullPointerException     if the key or the value is null
     */
    Trace attribute(String key, String value);

    /**
     * Sets a numeric attribute of the run's span.
     *
     * @param key   the attribute's name
     * @param value its value
     * @return this trace
     * @throws IllegalArgumentException if the key is blank or starts {@code gridlet.}
     * @throws NullPointerException     if the key is null
     */
    Trace attribute(String key, long value);

    /**
     * Sets a numeric attribute of the run's span.
     *
     * @param key   the attribute's name
     * @param value its value
     * @return this trace
     * @throws IllegalArgumentException if the key is blank or starts {@code gridlet.}
     * @throws NullPointerException     if the key is null
     */
    Trace attribute(String key, double value);

    /**
     * Sets a boolean attribute of the run's span.
     *
     * @param key   the attribute's name
     * @param value its value
     * @return this trace
     * @throws IllegalArgumentException if the key is blank or starts {@code gridlet.}
     * @throws NullPointerException     if the key is null
     */
    Trace attribute(String key, boolean value);

    /**
     * Records that something happened now, as an event of the run's span.
     *
     * @param name what happened, for example {@code cache miss}
     * @return this trace
     * @throws IllegalArgumentException if the name is blank
     * @throws NullPointerException     if the name is null
     */
    Trace event(String name);

    /**
     * A trace that keeps nothing.
     *
     * @param traceId the caller's trace id to report, or {@code null}
     * @return the trace
     */
    static Trace off(String traceId) {
        return traceId == null ? NoTrace.NONE : new NoTrace(traceId);
    }

    /**
     * Checks an attribute's key, as every implementation does.
     *
     * @param key the key
     * @return the key
     * @throws IllegalArgumentException if the key is blank or starts {@code gridlet.}
     * @throws NullPointerException     if the key is null
     */
    static String checkKey(String key) {
        if (key == null) {
            throw new NullPointerException("key");
        }
        if (key.isBlank()) {
            throw new IllegalArgumentException("an attribute's key must not be blank");
        }
        if (key.startsWith("gridlet.")) {
            throw new IllegalArgumentException("attribute " + key + " is refused: keys starting gridlet. are Gridlet's own");
        }
        return key;
    }

    /**
     * Checks an event's name, as every implementation does.
     *
     * @param name the name
     * @return the name
     * @throws IllegalArgumentException if the name is blank
     * @throws NullPointerException     if the name is null
     */
    static String checkEvent(String name) {
        if (name == null) {
            throw new NullPointerException("name");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("an event's name must not be blank");
        }
        return name;
    }
}
