package io.switchboard.simulator;

import java.util.List;

/**
 * One simulated agent: the queues it serves, how many calls at once, and when it works.
 *
 * @param startMs sign-in, ms from the start of the simulation
 * @param endMs sign-out (once its calls are over); {@link Long#MAX_VALUE} never
 */
record AgentShift(String agentId, List<String> queues, int capacity, long startMs, long endMs) {

  AgentShift {
    queues = List.copyOf(queues);
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity of agent " + agentId + " must be at least 1");
    }
    if (endMs <= startMs) {
      throw new IllegalArgumentException("shift of agent " + agentId + " ends before it starts");
    }
  }
}
