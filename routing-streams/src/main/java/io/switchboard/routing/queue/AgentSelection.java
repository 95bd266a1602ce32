package io.switchboard.routing.queue;

import io.switchboard.routing.store.RankedSet;
import io.switchboard.schemas.avro.SkillRequirement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * The queue's strategy picks the agent (or, for RING_ALL, the agents) to offer a call to, among the
 * eligible ones. Each strategy reads the queue's agents in its own order ({@link QueueAgents}) and
 * stops at the first that may take the call, so a choice costs about the same with 10 or 10,000
 * agents. Each choice comes with the reason written into the offer.
 */
final class AgentSelection {

  /** Longest idle first; agent id breaks ties so that every choice is deterministic. */
  static final Comparator<AgentState> LONGEST_IDLE =
      Comparator.comparingLong(AgentState::idleSince).thenComparing(AgentState::agentId);

  /** Random draws among all open agents before the eligible ones are listed (see {@link #random}). */
  private static final int RANDOM_TRIES = 16;

  /** The chosen agents and the reason, without the agent ids (each offer names its own agent). */
  record Choice(List<AgentState> agents, String reason) {}

  private final RoutingStores stores;

  AgentSelection(RoutingStores stores) {
    this.stores = stores;
  }

  /** The first agent, in the queue's longest-idle order, that may take the call: is there anyone. */
  static Optional<AgentState> anyone(QueueAgents agents, Eligibility.Rule rule, long now) {
    return first(scope(agents.longestIdleFirst(), rule), eligible(rule, now));
  }

  /** Someone may take the call ({@link #anyone} found an agent). */
  Choice choose(String tenant, RoutedCall call, QueueRules rules, QueueAgents agents, Eligibility.Rule rule,
      long now) {
    String queue = call.queue();
    Predicate<AgentState> eligible = eligible(rule, now);
    // Agents who refused the call get it again only when nobody else can take it.
    Predicate<AgentState> others = eligible.and(agent -> !call.refusals().containsKey(agent.agentId()));
    switch (rules.strategy()) {
      case ROUND_ROBIN:
        return one(roundRobin(tenant, queue, agents, rule, others, eligible),
            "is next in round-robin order of queue " + queue);
      case FEWEST_CALLS:
        AgentState fewest = inOrder(agents.strategyOrderFirst(), rule, others, eligible);
        return one(fewest, "has handled the fewest calls (" + fewest.handled() + ") of queue " + queue);
      case LEAST_TALK_TIME:
        AgentState least = inOrder(agents.strategyOrderFirst(), rule, others, eligible);
        return one(least, "has the least talk time (" + least.talkMs() / 1000 + " s) of queue " + queue);
      case BEST_SKILL_MATCH:
        AgentState best = inOrder(agents.strategyOrderFirst(), rule, others, eligible);
        return one(best, "has the best skill match (" + skillScore(best, rules.requiredSkills()) + ") of queue "
            + queue);
      case RANDOM:
        return one(random(tenant, queue, rules.randomSeed(), agents, rule, others, eligible),
            "was drawn at random (seed " + rules.randomSeed() + ") among the eligible agents of queue " + queue);
      case RING_ALL:
        return ringAll(call, rules, agents, rule, others, eligible);
      default:
        return one(inOrder(agents.longestIdleFirst(), rule, others, eligible),
            "is the longest idle available agent of queue " + queue);
    }
  }

  /** Sum of the agent's levels over the queue's required skills. */
  static int skillScore(AgentState agent, List<SkillRequirement> requiredSkills) {
    int score = 0;
    for (SkillRequirement skill : requiredSkills) {
      score += agent.skill(skill.getName());
    }
    return score;
  }

  private static Predicate<AgentState> eligible(Eligibility.Rule rule, long now) {
    return agent -> agent.isFree(now) && rule.allows().test(agent);
  }

  /** A call reserved for its preferred agent looks at that agent only. */
  private static Iterable<AgentState> scope(Iterable<AgentState> order, Eligibility.Rule rule) {
    return rule.preferred() != null ? List.of(rule.preferred()) : order;
  }

  private static Optional<AgentState> first(Iterable<AgentState> order, Predicate<AgentState> test) {
    for (AgentState agent : order) {
      if (test.test(agent)) {
        return Optional.of(agent);
      }
    }
    return Optional.empty();
  }

  private static AgentState inOrder(Iterable<AgentState> order, Eligibility.Rule rule, Predicate<AgentState> others,
      Predicate<AgentState> eligible) {
    Iterable<AgentState> scope = scope(order, rule);
    return first(scope, others).or(() -> first(scope, eligible)).orElseThrow();
  }

  /** The first agent, by id, after the last one served; wraps around. */
  private AgentState roundRobin(String tenant, String queue, QueueAgents agents, Eligibility.Rule rule,
      Predicate<AgentState> others, Predicate<AgentState> eligible) {
    String last = stores.cursor(tenant, queue, "round-robin");
    RankedSet<AgentState> byId = agents.byId();
    // Agents after the cursor, then from the start: the rotation as one sequence.
    Iterable<AgentState> rotation = () -> new Iterator<>() {
      private final int start = last == null ? 0 : byId.rank(idProbe(last));
      private final Iterator<AgentState> tail = byId.from(start);
      private final Iterator<AgentState> head = byId.iterator();
      private int headLeft = start;

      @Override
      public boolean hasNext() {
        return tail.hasNext() || headLeft > 0;
      }

      @Override
      public AgentState next() {
        if (tail.hasNext()) {
          return tail.next();
        }
        headLeft--;
        return head.next();
      }
    };
    AgentState next = inOrder(rotation, rule, others, eligible);
    stores.putCursor(tenant, queue, "round-robin", next.agentId());
    return next;
  }

  /** An agent that sorts by id just after {@code id}'s position: ranks count the ids up to it. */
  private static AgentState idProbe(String id) {
    return new AgentState(id + StoreKeys.SEPARATOR, List.of(), Map.of(), 0, false, true, 0, List.of(),
        List.of(), 0, 0, 0, 0);
  }

  /**
   * The n-th draw of the queue's seeded sequence, uniform over the eligible agents, so a replay of the
   * same events draws the same agents. Draws over all open agents by id are tried first and kept when
   * eligible (uniform over the eligible ones, O(log n) each); only when they keep missing are the
   * eligible agents listed.
   */
  private AgentState random(String tenant, String queue, long seed, QueueAgents agents, Eligibility.Rule rule,
      Predicate<AgentState> others, Predicate<AgentState> eligible) {
    String drawn = stores.cursor(tenant, queue, "random");
    long draw = drawn == null ? 0 : Long.parseLong(drawn);
    stores.putCursor(tenant, queue, "random", Long.toString(draw + 1));
    // One generator per draw, derived from seed and draw number: no generator state to keep in a store.
    // Split, because generators seeded one golden gamma apart share their streams shifted by one
    // number: a draw's second try would be the next draw's first.
    SplittableRandom random = new SplittableRandom(seed + draw * 0x9E3779B97F4A7C15L).split();
    RankedSet<AgentState> byId = agents.byId();
    if (rule.preferred() == null) {
      for (int i = 0; i < RANDOM_TRIES && !byId.isEmpty(); i++) {
        AgentState candidate = byId.get(random.nextInt(byId.size()));
        if (others.test(candidate)) {
          return candidate;
        }
      }
    }
    List<AgentState> pool = new ArrayList<>();
    scope(byId, rule).forEach(agent -> {
      if (others.test(agent)) {
        pool.add(agent);
      }
    });
    if (pool.isEmpty()) {
      scope(byId, rule).forEach(agent -> {
        if (eligible.test(agent)) {
          pool.add(agent);
        }
      });
    }
    return pool.get(random.nextInt(pool.size()));
  }

  private static Choice ringAll(RoutedCall call, QueueRules rules, QueueAgents agents, Eligibility.Rule rule,
      Predicate<AgentState> others, Predicate<AgentState> eligible) {
    int width = rules.ringAllAgents() > 0 ? rules.ringAllAgents() : Integer.MAX_VALUE;
    Iterable<AgentState> scope = scope(agents.longestIdleFirst(), rule);
    // Those who have not refused it first, then refusers to fill the width.
    List<AgentState> ringing = new ArrayList<>();
    for (AgentState agent : scope) {
      if (ringing.size() < width && others.test(agent)) {
        ringing.add(agent);
      }
      if (ringing.size() == width) {
        break;
      }
    }
    for (AgentState agent : scope) {
      if (ringing.size() >= width) {
        break;
      }
      if (eligible.test(agent) && !others.test(agent)) {
        ringing.add(agent);
      }
    }
    return new Choice(ringing, "rings with " + (ringing.size() - 1) + " other agent"
        + (ringing.size() == 2 ? "" : "s") + " of queue " + call.queue() + " (ring-all, first to answer takes it)");
  }

  private static Choice one(AgentState agent, String reason) {
    return new Choice(List.of(agent), reason);
  }
}
