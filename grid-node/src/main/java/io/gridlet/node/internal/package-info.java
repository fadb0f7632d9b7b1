/**
 * Implementation detail: Hazelcast configuration assembly and serialization ids. Promises no
 * compatibility; nothing outside grid-node may use it.
 */
package io.gridlet.node.internal;
