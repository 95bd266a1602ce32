package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.SkillRelaxationStep;
import io.switchboard.schemas.avro.SkillRequirement;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which free agents may take a waiting call now: skills at or above the (relaxed) minimum levels,
 * the preferred agent's exclusive window, and the reject delay of agents who refused the call.
 */
final class Eligibility {

  /** The call attribute naming the agent the call should go to first (e.g. the caller's last agent). */
  static final String PREFERRED_AGENT = "preferredAgent";

  private Eligibility() {}

  /** The eligible agents among {@code free} (all free and of the call's queue), and why the rule applies. */
  record Result(List<AgentState> agents, String rule) {}

  static Result eligible(RoutedCall call, QueueRules rules, List<AgentState> free, long now,
      Function<String, Optional<AgentState>> lookup) {
    long waited = Math.max(0, now - call.enqueuedAt());
    String preferred = call.attributes().get(PREFERRED_AGENT);
    if (preferred != null && waited < rules.preferredAgentTimeoutMs()
        && lookup.apply(preferred).filter(agent -> !agent.offline()).isPresent()) {
      // Reserved for the preferred agent, who served this caller before: skills do not apply to it.
      List<AgentState> only = free.stream()
          .filter(agent -> agent.agentId().equals(preferred) && notInRejectDelay(call, rules, agent, now))
          .toList();
      return new Result(only, "preferred agent " + preferred + " (reserved for "
          + rules.preferredAgentTimeoutMs() / 1000 + " s)");
    }
    SkillRelaxationStep step = rules.relaxation(waited);
    boolean anyAgent = rules.requiredSkills().isEmpty() || (step != null && step.getAnyAgent());
    int delta = step == null ? 0 : Math.max(0, step.getMinLevelDelta());
    List<AgentState> eligible = free.stream()
        .filter(agent -> anyAgent || hasSkills(agent, rules.requiredSkills(), delta))
        .filter(agent -> notInRejectDelay(call, rules, agent, now))
        .toList();
    return new Result(eligible, skillRule(rules, step, anyAgent, delta, waited));
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
