/** A plain Java application that embeds Gridlet members and invokes functions by key. */
package io.gridlet.samples.embedded;
