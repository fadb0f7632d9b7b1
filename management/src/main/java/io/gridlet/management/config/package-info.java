/** The node's settings: Micronaut properties under {@code gridlet}, checked at start. */
package io.gridlet.management.config;
