/** Load driver for routing through the real (embedded) broker, with a pass-through baseline. */
package io.switchboard.benchmarks.broker;
