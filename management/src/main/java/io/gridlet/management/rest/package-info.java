/**
 * The REST API under {@code /api/v1} (contract section 3), one controller per resource. Controllers
 * are thin: they check names and sizes, call one engine method, and shape the answer; errors are
 * the engine's typed exceptions, turned into problems by {@code io.gridlet.management.problem}.
 */
package io.gridlet.management.rest;
