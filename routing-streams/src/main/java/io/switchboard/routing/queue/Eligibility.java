package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.SkillRelaxationStep;
import io.switchboard.schemas.avro.SkillRequirement;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which free agents may take a waiting call now: skills at or above the (relaxed) minimum levels,
 * the preferred agent's exclusive window, and the reject delay of agents who refused the call.
 */
final class Eligibility {

  /** The call attribute naming the agent the call should go to first (e.g. the caller's last agent). */
  static final String PREFERRED_AGENT = "preferredAgent";

  private Eligibility() {}

  /**
   * Who may take a waiting call now, among the free agents of its queue.
   *
   * @param preferred the one agent the call is reserved for now (free or not), or null when the
   *     queue's skill rule applies
   * @param allows the test each candidate must pass
   * @param description why, for the offer's reason; empty when the queue has no rule
   */
  record Rule(AgentState preferred, Predicate<AgentState> allows, String description) {}

  static Rule of(RoutedCall call, QueueRules rules, long now, Function<String, Optional<AgentState>> lookup) {
    long waited = Math.max(0, now - call.enqueuedAt());
    String preferredId = call.attributes().get(PREFERRED_AGENT);
    if (preferredId != null && waited < rules.preferredAgentTimeoutMs()) {
      Optional<AgentState> preferred = lookup.apply(preferredId).filter(agent -> !agent.offline());
      if (preferred.isPresent()) {
        // Reserved for the preferred agent, who served this caller before: skills do not apply to it.
        return new Rule(preferred.get(), agent -> agent.agentId().equals(preferredId)
            && agent.queues().contains(call.queue()) && notInRejectDelay(call, rules, agent, now),
            "preferred agent " + preferredId + " (reserved for " + rules.preferredAgentTimeoutMs() / 1000 + " s)");
      }
    }
    SkillRelaxationStep step = rules.relaxation(waited);
    boolean anyAgent = rules.requiredSkills().isEmpty() || (step != null && step.getAnyAgent());
    int delta = step == null ? 0 : Math.max(0, step.getMinLevelDelta());
    return new Rule(null, agent -> (anyAgent || hasSkills(agent, rules.requiredSkills(), delta))
        && notInRejectDelay(call, rules, agent, now), skillRule(rules, step, anyAgent, delta, waited));
  }

  /**
   * Whether the call's rule is the queue's rule at its wait and nothing of its own (no preferred
   * agent in force, nobody refused it): two such calls at the same relaxation step of a queue have
   * the same eligible agents.
   */
  static boolean plain(RoutedCall call, Rule rule) {
    return rule.preferred() == null && call.refusals().isEmpty();
  }

  private static boolean hasSkills(AgentState agent, List<SkillRequirement> required, int delta) {
    return required.stream().allMatch(skill -> agent.skill(skill.getName()) >= level(skill, delta));
  }

  /** A relaxed level never drops below 1: the skill itself is still required until anyAgent. */
  private static int level(SkillRequirement skill, int delta) {
    return Math.max(1, skill.getMinLevel() - delta);
  }

  private static boolean notInRejectDelay(RoutedCall call, QueueRules rules, AgentState agent, long now) {
    Long refusedAt = call.refusals().get(agent.agentId());
    return refusedAt == null || rules.rejectDelayMs() <= 0 || now >= refusedAt + rules.rejectDelayMs();
  }

  private static String skillRule(QueueRules rules, SkillRelaxationStep step, boolean anyAgent, int delta,
      long waited) {
    if (rules.requiredSkills().isEmpty()) {
      return "";
    }
    String after = step == null ? "" : " after waiting " + waited / 1000 + " s";
    if (anyAgent) {
      return "skills relaxed to any agent of the queue" + after;
    }
    StringBuilder levels = new StringBuilder();
    for (SkillRequirement skill : rules.requiredSkills()) {
      levels.append(levels.length() == 0 ? "" : ", ").append(skill.getName()).append(" >= ").append(level(skill, delta));
    }
    return "skills " + levels + (delta > 0 ? " (relaxed by " + delta + after + ")" : "");
  }
}
