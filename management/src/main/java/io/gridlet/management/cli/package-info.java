/** The {@code ./gridlet} command line: the REST API from a shell, the demo and the node. */
package io.gridlet.management.cli;
