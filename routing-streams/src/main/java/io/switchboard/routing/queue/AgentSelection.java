package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.SkillRequirement;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The queue's strategy picks the agent (or, for RING_ALL, the agents) to offer a call to, among the
 * eligible ones. Each choice comes with the reason written into the offer.
 */
final class AgentSelection {

  /** Longest idle first; agent id breaks ties so that every choice is deterministic. */
  static final Comparator<AgentState> LONGEST_IDLE =
      Comparator.comparingLong(AgentState::idleSince).thenComparing(AgentState::agentId);

  private static final Comparator<AgentState> BY_ID = Comparator.comparing(AgentState::agentId);

  /** The chosen agents and the reason, without the agent ids (each offer names its own agent). */
  record Choice(List<AgentState> agents, String reason) {}

  private final RoutingStores stores;

  AgentSelection(RoutingStores stores) {
    this.stores = stores;
  }

  /** {@code eligible} is never empty. */
  Choice choose(String tenant, RoutedCall call, QueueRules rules, List<AgentState> eligible) {
    String queue = call.queue();
    // Agents who refused the call get it again only when nobody else can take it.
    List<AgentState> others = eligible.stream()
        .filter(agent -> !call.refusals().containsKey(agent.agentId())).toList();
    List<AgentState> pool = others.isEmpty() ? eligible : others;
    switch (rules.strategy()) {
      case ROUND_ROBIN:
        return one(roundRobin(tenant, queue, pool), "is next in round-robin order of queue " + queue);
      case FEWEST_CALLS:
        AgentState fewest = pool.stream()
            .min(Comparator.comparingInt(AgentState::handled).thenComparing(LONGEST_IDLE)).orElseThrow();
        return one(fewest, "has handled the fewest calls (" + fewest.handled() + ") of queue " + queue);
      case LEAST_TALK_TIME:
        AgentState least = pool.stream()
            .min(Comparator.comparingLong(AgentState::talkMs).thenComparing(LONGEST_IDLE)).orElseThrow();
        return one(least, "has the least talk time (" + least.talkMs() / 1000 + " s) of queue " + queue);
      case BEST_SKILL_MATCH:
        AgentState best = pool.stream()
            .min(Comparator.comparingInt((AgentState agent) -> -skillScore(agent, rules)).thenComparing(LONGEST_IDLE))
            .orElseThrow();
        return one(best, "has the best skill match (" + skillScore(best, rules) + ") of queue " + queue);
      case RANDOM:
        return one(random(tenant, queue, rules.randomSeed(), pool), "was drawn at random (seed "
            + rules.randomSeed() + ") among " + pool.size() + " eligible agents of queue " + queue);
      case RING_ALL:
        // Those who have not refused it first, then refusers to fill the width.
        List<AgentState> ordered = new java.util.ArrayList<>(others.stream().sorted(LONGEST_IDLE).toList());
        eligible.stream().filter(agent -> !others.contains(agent)).sorted(LONGEST_IDLE).forEach(ordered::add);
        int width = rules.ringAllAgents() > 0 ? Math.min(rules.ringAllAgents(), ordered.size()) : ordered.size();
        List<AgentState> ringing = ordered.subList(0, width);
        return new Choice(ringing, "rings with " + (ringing.size() - 1) + " other agent"
            + (ringing.size() == 2 ? "" : "s") + " of queue " + queue + " (ring-all, first to answer takes it)");
      default:
        return one(pool.stream().min(LONGEST_IDLE).orElseThrow(),
            "is the longest idle available agent of queue " + queue);
    }
  }

  /** Sum of the agent's levels over the queue's required skills. */
  static int skillScore(AgentState agent, QueueRules rules) {
    int score = 0;
    for (SkillRequirement skill : rules.requiredSkills()) {
      score += agent.skill(skill.getName());
    }
    return score;
  }

  /** The first agent, by id, after the last one served; wraps around. */
  private AgentState roundRobin(String tenant, String queue, List<AgentState> pool) {
    String last = stores.cursor(tenant, queue, "round-robin");
    List<AgentState> ordered = pool.stream().sorted(BY_ID).toList();
    AgentState next = ordered.stream()
        .filter(agent -> last == null || agent.agentId().compareTo(last) > 0)
        .findFirst()
        .orElse(ordered.get(0));
    stores.putCursor(tenant, queue, "round-robin", next.agentId());
    return next;
  }

  /** The n-th draw of the queue's seeded sequence, so a replay of the same events draws the same agents. */
  private AgentState random(String tenant, String queue, long seed, List<AgentState> pool) {
    String drawn = stores.cursor(tenant, queue, "random");
    long draw = drawn == null ? 0 : Long.parseLong(drawn);
    stores.putCursor(tenant, queue, "random", Long.toString(draw + 1));
    // One generator per draw, derived from seed and draw number: no generator state to keep in a store.
    int index = new SplittableRandom(seed + draw * 0x9E3779B97F4A7C15L).nextInt(pool.size());
    return pool.stream().sorted(BY_ID).toList().get(index);
  }

  private static Choice one(AgentState agent, String reason) {
    return new Choice(List.of(agent), reason);
  }
}
