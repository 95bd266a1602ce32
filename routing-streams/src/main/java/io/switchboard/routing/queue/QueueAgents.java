package io.switchboard.routing.queue;

import io.switchboard.routing.store.RankedSet;
import io.switchboard.schemas.avro.RoutingStrategy;
import io.switchboard.schemas.avro.SkillRequirement;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The agents of one queue who may be offered a call (available, below capacity, out of wrap-up),
 * kept in the orders the strategies read, so that choosing an agent starts at the right one instead
 * of sorting everybody; and how many of the queue's agents are signed in.
 */
final class QueueAgents {

  static final Comparator<AgentState> BY_ID = Comparator.comparing(AgentState::agentId);

  private final TreeSet<AgentState> byIdle = new TreeSet<>(AgentSelection.LONGEST_IDLE);
  private final RankedSet<AgentState> byId = new RankedSet<>(BY_ID);
  /** The strategy's own order when it is neither idle time nor id; null otherwise. */
  private TreeSet<AgentState> byStrategy;
  private int signedIn;

  /** The order a strategy reads beyond idle time and id, or null. */
  static Comparator<AgentState> strategyOrder(RoutingStrategy strategy, List<SkillRequirement> requiredSkills) {
    switch (strategy) {
      case FEWEST_CALLS:
        return Comparator.comparingInt(AgentState::handled).thenComparing(AgentSelection.LONGEST_IDLE);
      case LEAST_TALK_TIME:
        return Comparator.comparingLong(AgentState::talkMs).thenComparing(AgentSelection.LONGEST_IDLE);
      case BEST_SKILL_MATCH:
        List<SkillRequirement> skills = List.copyOf(requiredSkills);
        return Comparator.comparingInt((AgentState agent) -> -AgentSelection.skillScore(agent, skills))
            .thenComparing(AgentSelection.LONGEST_IDLE);
      default:
        return null;
    }
  }

  /** Available and below capacity; offerable once out of wrap-up. */
  static boolean open(AgentState agent) {
    return agent.available() && agent.load() < agent.capacity();
  }

  /**
   * Adds an agent's current snapshot, offerable or not yet (in wrap-up, see {@link TenantIndex}); the
   * same snapshot is later given to {@link #remove}.
   */
  void add(AgentState agent, boolean offerable) {
    if (!agent.offline()) {
      signedIn++;
    }
    if (offerable) {
      offerable(agent);
    }
  }

  /** The agent's wrap-up is over: it may be offered calls. */
  void offerable(AgentState agent) {
    byIdle.add(agent);
    byId.add(agent);
    if (byStrategy != null) {
      byStrategy.add(agent);
    }
  }

  void remove(AgentState agent) {
    if (!agent.offline()) {
      signedIn--;
    }
    byIdle.remove(agent);
    byId.remove(agent);
    if (byStrategy != null) {
      byStrategy.remove(agent);
    }
  }

  /** A new strategy (or skills for BEST_SKILL_MATCH): the strategy's order is rebuilt once. */
  void order(Comparator<AgentState> strategyOrder) {
    if (strategyOrder == null) {
      byStrategy = null;
      return;
    }
    byStrategy = new TreeSet<>(strategyOrder);
    byIdle.forEach(byStrategy::add);
  }

  /** Signed in (not OFFLINE), whatever their status: the no-agent rule. */
  boolean anySignedIn() {
    return signedIn > 0;
  }

  Iterable<AgentState> longestIdleFirst() {
    return byIdle;
  }

  Iterable<AgentState> strategyOrderFirst() {
    return byStrategy != null ? byStrategy : byIdle;
  }

  RankedSet<AgentState> byId() {
    return byId;
  }
}
