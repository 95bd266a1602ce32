/** Benchmarks: JMH measurements of the routing processors and load drivers against the real broker. */
package io.switchboard.benchmarks;
