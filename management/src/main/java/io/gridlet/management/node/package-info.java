/** The member's lifecycle in the app: created at start, left gracefully at stop, ready when safe. */
package io.gridlet.management.node;
