package io.gridlet.node;

/**
 * The lines functions write through {@code ctx.logger()}, and the errors failed calls threw, kept
 * on the member that ran each call in a bounded ring, and read here from every member at once.
 * The lines also go to SLF4J, as any log does. Thread-safe.
 */
public interface FunctionLogs {

    /**
     * A function's lines from every member, merged in time order; a member that does not answer
     * within a few seconds is left out.
     *
     * @param query the function, and which of its lines
     * @return the lines, oldest first, at most the query's limit of the latest
     */
    LogPage read(LogQuery query);
}
