/**
 * The function author's API: everything a jar deployed to Gridlet compiles against.
 *
 * <p>A function implements {@link io.gridlet.api.GridFunction}, carries
 * {@link io.gridlet.api.Function} and is listed in
 * {@code META-INF/services/io.gridlet.api.GridFunction}. It runs on the member that owns the
 * data it is routed to and reaches that data through its {@link io.gridlet.api.FunctionContext}.
 *
 * <p>Every failure a caller can see is a {@link io.gridlet.api.GridletException}; its subtypes
 * say what happened, and those under {@link io.gridlet.api.RetriableException} did not run the
 * function and may be tried again.
 */
package io.gridlet.api;
