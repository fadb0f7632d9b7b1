/** Sample functions, deployed as one jar: each runs on the member that holds its data. */
package io.gridlet.samples.functions;
