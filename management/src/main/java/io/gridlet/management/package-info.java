/**
 * The standalone node: a Gridlet member with the REST API, security, health, Prometheus and the
 * command line. {@code config} binds the settings, {@code node} owns the member's lifecycle,
 * {@code rest} has one controller per resource, {@code problem} maps each error type to its HTTP
 * status, {@code security} checks bearer tokens, {@code cli} is the {@code ./gridlet} command.
 */
package io.gridlet.management;
