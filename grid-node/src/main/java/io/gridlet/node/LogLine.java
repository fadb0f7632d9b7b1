package io.gridlet.node;

/**
 * One line a function wrote through {@code ctx.logger()}, or the error a failed call threw, as the
 * member that ran the call kept it.
 *
 * @param time         when it was written, epoch millis
 * @param level        {@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG} or {@code TRACE}
 * @param message      the message, its arguments filled in; a thrown error's class, message and
 *                     the function's own stack frames follow it
 * @param function     the function
 * @param version      its version that ran
 * @param invocationId the call's id
 * @param member       the member that ran it
 * @param traceId      the call's trace id, or {@code null} when it was not traced
 * @param sequence     its place among the lines the member kept, from 1: a reader that saw a line
 *                     asks for those after it
 */
public record LogLine(long time, String level, String message, String function, String version,
                      String invocationId, String member, String traceId, long sequence) {
}
