/**
 * How a call travels and runs: the wire envelope ({@link io.gridlet.node.invoke.InvocationRequest},
 * {@link io.gridlet.node.invoke.InvocationResponse}), the payload codec, the two transports to a
 * key's owner (an offloadable entry processor and an executor task), the caller side
 * ({@link io.gridlet.node.invoke.ClusterInvoker}) and the member side
 * ({@link io.gridlet.node.invoke.FunctionRuntime}: bulkhead, deadline, meters).
 *
 * <p>No user class crosses Hazelcast's serialization: inputs and outputs travel as bytes and are
 * decoded on each side with the types resolved at registration.
 */
package io.gridlet.node.invoke;
