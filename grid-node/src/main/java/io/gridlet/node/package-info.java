/**
 * Gridlet's public API for the JVM: everything an application that embeds a member, or calls the
 * grid as a client, uses. Start at {@link io.gridlet.node.GridNode} (an embedded member and its
 * builder) or {@link io.gridlet.node.GridletClient}; both hand out an
 * {@link io.gridlet.node.Invoker}, which calls functions by key, fans them out, and runs them
 * asynchronously. A member also has its {@link io.gridlet.node.FunctionRegistry}, its
 * {@link io.gridlet.node.Deployments} of jars and its {@link io.gridlet.node.Triggers}.
 *
 * <p>The engine behind it lives in {@code io.gridlet.node.internal} and its sub-packages, which
 * promise nothing between releases; the build checks that no public signature here names one of
 * their types.
 */
package io.gridlet.node;
