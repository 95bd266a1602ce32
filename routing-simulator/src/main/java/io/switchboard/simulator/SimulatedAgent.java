package io.switchboard.simulator;

import java.util.HashSet;
import java.util.Set;

/** An agent in the run: whether it is signed in, and the calls and offers it holds. */
final class SimulatedAgent {

  final AgentShift shift;
  final Set<String> calls = new HashSet<>();
  final Set<String> offers = new HashSet<>();
  boolean signedIn;
  /** Its shift is over; it signs out when its last call ends. */
  boolean leaving;
  long signedInAtMs;

  SimulatedAgent(AgentShift shift) {
    this.shift = shift;
  }

  boolean idle() {
    return calls.isEmpty() && offers.isEmpty();
  }
}
