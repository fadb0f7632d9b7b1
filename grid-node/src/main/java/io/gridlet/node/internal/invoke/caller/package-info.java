/**
 * The caller's side of a call: {@link io.gridlet.node.internal.invoke.caller.ClusterInvoker} routes,
 * sends, waits and resends; {@code Transports} puts a call on the wire; {@code Call} is one call in
 * flight; {@code FanOutCoordinator} runs fan-outs; {@code CallerErrors} reads the grid's failures.
 */
package io.gridlet.node.internal.invoke.caller;
