package io.switchboard.simulator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An agent in the run: its shifts, whether it is signed in, and the calls and offers it holds. */
final class SimulatedAgent {

  final String agentId;
  final Set<String> calls = new HashSet<>();
  final Set<String> offers = new HashSet<>();
  private final List<AgentShift> shifts;
  private int nextShift;
  /** The shift running or last run; its profile is the one the engine knows. */
  AgentShift shift;
  boolean signedIn;
  /** Its shift is over; it signs out when its last call ends. */
  boolean leaving;
  long signedInAtMs;

  SimulatedAgent(List<AgentShift> shifts) {
    this.shifts = List.copyOf(shifts);
    this.agentId = shifts.get(0).agentId();
    this.shift = shifts.get(0);
  }

  List<AgentShift> shifts() {
    return shifts;
  }

  /** Moves on to the next shift; shift starts are scheduled in time order, one per shift. */
  AgentShift startNextShift() {
    shift = shifts.get(nextShift++);
    return shift;
  }

  /** Whether another shift starts right when this one ends: the agent then stays on. */
  boolean nextShiftStartsAt(long atMs) {
    return nextShift < shifts.size() && shifts.get(nextShift).startMs() <= atMs;
  }

  boolean idle() {
    return calls.isEmpty() && offers.isEmpty();
  }
}
