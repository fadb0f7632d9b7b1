/**
 * Function logs, cluster-wide: each member keeps the lines its calls wrote in a bounded ring
 * ({@link io.gridlet.node.internal.logs.LogRing}), through the per-call logger a function's
 * context hands out ({@link io.gridlet.node.internal.logs.CapturingLogger}), and a read asks every
 * member at once ({@link io.gridlet.node.internal.logs.ClusterLogs}).
 */
package io.gridlet.node.internal.logs;
