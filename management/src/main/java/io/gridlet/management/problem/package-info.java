/**
 * One exception handler per error type, each answering with its HTTP status and an
 * {@code application/problem+json} body ({@code type}, {@code title}, {@code status},
 * {@code detail}): never a stack trace or a Java class name.
 */
package io.gridlet.management.problem;
