package io.gridlet.node;

import java.util.UUID;

/**
 * A completed call: its output and where and how it ran.
 *
 * @param output       the function's output, decoded into the type the caller asked for
 * @param function     the function's name
 * @param version      the version that ran
 * @param invocationId the call's id
 * @param member       the member that ran it
 * @param attempts     1, or more if the call was retried after the loss of a member
 * @param <O> the output type
 */
public record InvocationResult<O>(O output, String function, String version, String invocationId,
                                  UUID member, int attempts) {
}
