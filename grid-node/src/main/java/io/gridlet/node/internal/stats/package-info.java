/**
 * What each member holds, asked of every member at once with a bound on the wait: partitions,
 * entries per map, invocation and trigger counts. Answers travel as a typed wire value.
 */
package io.gridlet.node.internal.stats;
