/**
 * Functions deployed as jars: validation, the artifact store and function catalog in the grid
 * (backed-up maps), one child-first class loader per jar per member, the live alias and canary,
 * and the drain that lets a removed version's calls finish before its loader is closed.
 */
package io.gridlet.node.internal.deploy;
