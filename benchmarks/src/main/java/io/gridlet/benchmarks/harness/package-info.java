/**
 * The cluster harness: member JVMs of their own on loopback and a driver JVM that measures
 * Gridlet's invocation path against raw Hazelcast and against fetch-compute-put, scenario by
 * scenario, interleaved, and writes results.json and report.md.
 */
package io.gridlet.benchmarks.harness;
