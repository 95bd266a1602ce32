package io.switchboard.simulator;

import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.Skill;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One stretch of work of a simulated agent: the queues it serves, its skills, how many calls at
 * once, and when. An agent may have several shifts (a replayed day with breaks); they must not
 * overlap, and the simulation runs them in time order.
 *
 * @param skills skill name to level (1-10); empty when agents serve queues without skills
 * @param startMs sign-in, ms from the start of the simulation
 * @param endMs sign-out (once its calls are over); {@link Long#MAX_VALUE} never
 */
record AgentShift(String agentId, List<String> queues, Map<String, Integer> skills, int capacity, long startMs,
    long endMs) {

  AgentShift {
    queues = List.copyOf(queues);
    skills = Map.copyOf(skills);
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity of agent " + agentId + " must be at least 1");
    }
    if (endMs <= startMs) {
      throw new IllegalArgumentException("shift of agent " + agentId + " ends before it starts");
    }
  }

  AgentShift(String agentId, List<String> queues, int capacity, long startMs, long endMs) {
    this(agentId, queues, Map.of(), capacity, startMs, endMs);
  }

  /** Whether the engine would see the same agent profile (queues, skills, capacity). */
  boolean sameProfile(AgentShift other) {
    return other != null && queues.equals(other.queues) && skills.equals(other.skills)
        && capacity == other.capacity;
  }

  /** What the agent's sign-in tells the engine. */
  AgentRegistered registration() {
    List<Skill> levels = new ArrayList<>();
    skills.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(skill -> levels.add(new Skill(skill.getKey(), skill.getValue())));
    return AgentRegistered.newBuilder().setQueues(queues).setCapacity(capacity).setSkills(levels).build();
  }
}
