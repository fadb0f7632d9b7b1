/**
 * How a call travels and runs, by side. Read it in this order:
 * <ul>
 * <li>{@link io.gridlet.node.internal.invoke.caller}: the caller, on a member or a client. Picks the
 * transport, sends the call, waits within its deadline, sends it again where that is safe, runs
 * fan-outs, keeps asynchronous calls' records. {@code ClusterInvoker} is its facade.</li>
 * <li>{@link io.gridlet.node.internal.invoke.wire}: what crosses between them. The request and response
 * envelopes, the payload codec, the carriers Hazelcast moves (processors and tasks), the records
 * stored in the grid, and {@code Status}, the one mapping from an answer to a typed error.
 * Carriers reach the member side through {@code CallHandler}, their one entry point.</li>
 * <li>{@link io.gridlet.node.internal.invoke.member}: the member that runs the call. Resolves the function,
 * takes a permit, and runs one strategy per call: plain, idempotent or transactional, each ending
 * in the plain one, with the routed entry it needs.</li>
 * </ul>
 * This package holds what both sides share: the deadline sweeper and the pause fence.
 *
 * <p>No user class crosses Hazelcast's serialization: inputs and outputs travel as bytes and are
 * decoded on each side with the types resolved at registration.
 */
package io.gridlet.node.internal.invoke;
