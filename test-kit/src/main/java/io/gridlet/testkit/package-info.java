/**
 * The function author's test kit: {@link io.gridlet.testkit.GridletExtension} starts a real
 * Gridlet member in the test's JVM, registers or deploys the functions under test, and hands
 * over its invoker and maps.
 */
package io.gridlet.testkit;
