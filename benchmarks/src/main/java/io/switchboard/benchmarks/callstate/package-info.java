/** Sustained rate and replay time of the call-state projection, with a plain-insert baseline. */
package io.switchboard.benchmarks.callstate;
