/**
 * What crosses between caller and member: {@link io.gridlet.node.internal.invoke.wire.InvocationRequest},
 * {@link io.gridlet.node.internal.invoke.wire.InvocationResponse} and its
 * {@link io.gridlet.node.internal.invoke.wire.Status}; the payload codec; the carriers Hazelcast moves to a
 * member, which hand their call to the member's {@link io.gridlet.node.internal.invoke.wire.CallHandler}:
 * {@link io.gridlet.node.internal.invoke.wire.CallByKeyOperation} for a plain call by key (from a
 * client, through {@link io.gridlet.node.internal.invoke.wire.CallByKeyMessageTask}), the processors
 * and tasks for the rest; and the records kept in the grid.
 */
package io.gridlet.node.internal.invoke.wire;
