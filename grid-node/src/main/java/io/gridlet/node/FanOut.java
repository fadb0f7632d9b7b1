package io.gridlet.node;

import java.time.Duration;
import java.util.Objects;

/**
 * A call that runs once on every member, over that member's own partitions of a map: the function
 * reads them with {@link io.gridlet.api.FunctionContext#localEntries(String)}. Every partition is
 * read by exactly one of the calls; if a member leaves before answering, its partitions are run
 * again on their new owners.
 *
 * @param function the function's name
 * @param map      the map whose partitions are shared out
 * @param input    the input each member's call gets
 * @param version  the version to run, or {@code null} for the live one
 * @param timeout  the deadline of the whole fan-out, or {@code null} for the function's own
 */
public record FanOut(String function, String map, Object input, String version, Duration timeout) {

    /**
     * Checks the names, the version and the timeout.
     *
     * @param function the function's name
     * @param map      the map whose partitions are shared out
     * @param input    the input each member's call gets
     * @param version  the version to run, or {@code null} for the live one
     * @param timeout  the deadline of the whole fan-out, or {@code null} for the function's own
     */
    public FanOut {
        FunctionSpec.requireName(function);
        Objects.requireNonNull(map, "map");
        Invocation.requireMapName(map);
        if (version != null) {
            FunctionSpec.requireVersion(version);
        }
        if (timeout != null) {
            FunctionSpec.requireTimeout(timeout);
        }
    }

    /**
     * A fan-out of {@code function} over {@code map}, with no input, at the live version, within the function's timeout.
     *
     * @param function the function's name
     * @param map      the map whose partitions it runs over
     * @return the fan-out
     */
    public static FanOut of(String function, String map) {
        return new FanOut(function, map, null, null, null);
    }

    /**
     * This fan-out with an input, which each member's call gets.
     *
     * @param newInput the input, encoded as JSON
     * @return a copy with the input
     */
    public FanOut withInput(Object newInput) {
        return new FanOut(function, map, newInput, version, timeout);
    }

    /**
     * This fan-out at a version.
     *
     * @param newVersion the version to run
     * @return a copy at the version
     */
    public FanOut withVersion(String newVersion) {
        return new FanOut(function, map, input, newVersion, timeout);
    }

    /**
     * This fan-out with a deadline for the whole of it.
     *
     * @param newTimeout positive
     * @return a copy with the deadline
     */
    public FanOut withTimeout(Duration newTimeout) {
        return new FanOut(function, map, input, version, newTimeout);
    }
}
