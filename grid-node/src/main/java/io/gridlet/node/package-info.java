/**
 * The engine's public face: {@link io.gridlet.node.GridNode} (an embedded member and its
 * builder), {@link io.gridlet.node.Invoker} and the value types of a call.
 *
 * <p>Where an invocation goes, by package: {@code registry} resolves a name to a runnable
 * function, {@code invoke} carries the call to the member that owns its data and runs it there,
 * {@code metrics} names what is measured, and {@code internal} assembles the Hazelcast member.
 */
package io.gridlet.node;
