package io.gridlet.node;

import java.util.Map;
import java.util.Objects;

/**
 * Which of a function's kept log lines to read, from every member.
 *
 * @param function     the function
 * @param sinceMillis  only lines written at or after this time, epoch millis; 0 for all
 * @param invocationId only the lines of this call, or {@code null} for all
 * @param level        only lines at this level or above ({@code ERROR} is above {@code WARN}), or
 *                     {@code null} for all
 * @param limit        at most this many lines, the latest; 1 to {@value #MAX_LIMIT}
 * @param after        per member, the last {@link LogLine#sequence()} already seen: only later
 *                     lines of that member; empty to start afresh
 */
public record LogQuery(String function, long sinceMillis, String invocationId, String level, int limit,
                       Map<String, Long> after) {

    /** The most lines one read returns. */
    public static final int MAX_LIMIT = 10_000;
    /** The levels, lowest first. */
    static final java.util.List<String> LEVELS = java.util.List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    /**
     * Checks the function's name, the level and the limit, and copies {@code after}.
     *
     * @param function     the function
     * @param sinceMillis  only lines written at or after this time, epoch millis; 0 for all
     * @param invocationId only the lines of this call, or {@code null} for all
     * @param level        only lines at this level or above, or {@code null} for all
     * @param limit        at most this many lines, the latest; 1 to {@value #MAX_LIMIT}
     * @param after        per member, the last sequence already seen
     */
    public LogQuery {
        Names.function(function);
        if (sinceMillis < 0) {
            throw new io.gridlet.api.BadInputException("since must not be negative: " + sinceMillis);
        }
        if (level != null && !LEVELS.contains(level)) {
            throw new io.gridlet.api.BadInputException("level must be one of " + LEVELS + ": " + level);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new io.gridlet.api.BadInputException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
        }
        after = Map.copyOf(Objects.requireNonNull(after, "after"));
    }

    /**
     * The latest 100 lines of a function.
     *
     * @param function the function
     * @return the query
     */
    public static LogQuery of(String function) {
        return new LogQuery(function, 0, null, null, 100, Map.of());
    }

    /**
     * This query, for lines at or after a time.
     *
     * @param epochMillis the time
     * @return a copy from that time
     */
    public LogQuery since(long epochMillis) {
        return new LogQuery(function, epochMillis, invocationId, level, limit, after);
    }

    /**
     * This query, for one call's lines.
     *
     * @param id the call's invocation id
     * @return a copy for that call
     */
    public LogQuery invocation(String id) {
        return new LogQuery(function, sinceMillis, id, level, limit, after);
    }

    /**
     * This query, for lines at a level or above.
     *
     * @param minimum {@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
     * @return a copy from that level
     */
    public LogQuery atLeast(String minimum) {
        return new LogQuery(function, sinceMillis, invocationId, minimum, limit, after);
    }

    /**
     * This query, with another limit.
     *
     * @param lines 1 to {@value #MAX_LIMIT}
     * @return a copy with the limit
     */
    public LogQuery limit(int lines) {
        return new LogQuery(function, sinceMillis, invocationId, level, lines, after);
    }

    /**
     * This query, for the lines after those already seen: how a reader follows the logs.
     *
     * @param seen per member, the last sequence seen
     * @return a copy that skips what was seen
     */
    public LogQuery after(Map<String, Long> seen) {
        return new LogQuery(function, sinceMillis, invocationId, level, limit, seen);
    }

    /**
     * Whether a line's level is at or above this query's.
     *
     * @param lineLevel the line's level
     * @return whether it passes
     */
    public boolean admits(String lineLevel) {
        return level == null || LEVELS.indexOf(lineLevel) >= LEVELS.indexOf(level);
    }
}
