package io.gridlet.node;

import java.time.Instant;
import java.util.UUID;

/**
 * What the grid remembers of a call started asynchronously, for its retention period.
 *
 * @param invocationId the call's id
 * @param function     the function's name
 * @param version      the version that ran, or the one asked for while it runs
 * @param state        where it is
 * @param output       the output as plain Java values (maps, lists, strings, numbers), if it succeeded
 * @param errorType    the simple name of the {@link io.gridlet.api.GridletException} subtype, if it failed
 * @param errorMessage the error's message, if it failed
 * @param member       the member that ran it, once known
 * @param startedAt    when the call started
 * @param endedAt      when it ended, or {@code null} while it runs
 * @param traceId      the id of the call's trace, or {@code null} when it was not traced
 */
public record InvocationRecord(String invocationId, String function, String version, State state, Object output,
                               String errorType, String errorMessage, UUID member, Instant startedAt,
                               Instant endedAt, String traceId) {

    /** Where a call is. */
    public enum State {
        /** It has not ended. */
        RUNNING,
        /** It ended with an output. */
        SUCCEEDED,
        /** It ended with an error. */
        FAILED
    }
}
