/**
 * JMH microbenchmarks of the invocation path. Each compares Gridlet with raw Hazelcast doing the
 * same work, in the same run, so that their ratio holds on a noisy machine.
 */
package io.gridlet.benchmarks.jmh;
