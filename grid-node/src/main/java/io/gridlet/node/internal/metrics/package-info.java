/**
 * What Gridlet measures, through Micrometer only: meter names in {@link io.gridlet.node.internal.metrics.GridletMeters},
 * and the per-function meters created once, when a function version is registered.
 */
package io.gridlet.node.internal.metrics;
