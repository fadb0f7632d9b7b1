/**
 * Name to runnable function: each function has versions and a live one; each version is a
 * {@link io.gridlet.node.internal.registry.RegisteredFunction} whose input type, decoder, bulkhead and
 * meters were resolved once, when it was registered, so that a call only looks it up.
 */
package io.gridlet.node.internal.registry;
