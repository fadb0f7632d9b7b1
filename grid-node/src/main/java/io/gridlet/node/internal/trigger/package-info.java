/**
 * Triggers turn events into invocations: map events (a Jet job over the map's event journal,
 * invoking on the member that owns each event), schedules (Hazelcast's durable scheduled
 * executor) and topics (a reliable topic). Failures are retried with back-off, then kept as dead
 * letters that can be listed and replayed. Definitions live in a backed-up map.
 */
package io.gridlet.node.internal.trigger;
