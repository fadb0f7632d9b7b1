package io.gridlet.node;

import java.util.List;
import java.util.Map;

/**
 * A function's log lines from every member that answered, merged in time order.
 *
 * @param function  the function
 * @param lines     the lines, oldest first
 * @param truncated whether more lines matched than the query's limit: the oldest were left out
 * @param dropped   lines the answering members' rings dropped to stay within their bound, of
 *                  every function, since they started
 * @param latest    per answering member, the sequence of the last line it had kept when it
 *                  answered, of any function: {@link LogQuery#after(Map)} with these reads only
 *                  what comes next, which is how a reader follows the logs
 */
public record LogPage(String function, List<LogLine> lines, boolean truncated, long dropped,
                      Map<String, Long> latest) {

    /**
     * Copies the lines.
     *
     * @param function  the function
     * @param lines     the lines, oldest first
     * @param truncated whether more lines matched than the query's limit
     * @param dropped   lines the members' rings dropped
     * @param latest    per member, the sequence of the last line it kept
     */
    public LogPage {
        lines = List.copyOf(lines);
        latest = Map.copyOf(latest);
    }
}
