package io.switchboard.gateway.queue;

import io.switchboard.schemas.avro.PriorityRule;
import io.switchboard.schemas.avro.PriorityRuleMatch;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.QueueLimitAction;
import io.switchboard.schemas.avro.SkillRelaxationStep;
import io.switchboard.schemas.avro.SkillRequirement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a queue definition acceptable, checked on the complete config (defaults applied), so
 * that a rule such as "OVERFLOW needs an overflow queue" also holds when a field was left out.
 */
final class QueueConfigRules {

  static final String NAME_PATTERN = "[A-Za-z0-9_.-]{1,64}";
  static final int MAX_SKILLS = 50;
  static final int MAX_RULES = 100;
  static final int MAX_STEPS = 20;
  // Bounds that keep priority arithmetic (base + rules + age) far from int overflow in the engine.
  static final int MAX_POINTS = 1_000_000;

  private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
  private static final Set<String> DIRECTIONS = Set.of("INBOUND", "OUTBOUND", "INTERNAL");

  private QueueConfigRules() {}

  static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Every rule the config breaks, in field order; empty when it is valid. */
  static List<String> problems(QueueConfig config) {
    List<String> problems = new ArrayList<>();
    Check check = new Check(problems);
    if (!isValidName(config.getQueue())) {
      problems.add("queue name must match " + NAME_PATTERN + ", got '" + config.getQueue() + "'");
    }
    check.between("priorityBase", config.getPriorityBase(), 0, MAX_POINTS);
    check.atLeast("capacity", config.getCapacity(), 1);
    check.atLeast("maxWaitSeconds", config.getMaxWaitSeconds(), 0);
    check.atLeast("maxWaitNoAgentSeconds", config.getMaxWaitNoAgentSeconds(), 0);
    String overflow = config.getOverflowQueue();
    if (overflow != null && !isValidName(overflow)) {
      problems.add("overflowQueue must match " + NAME_PATTERN + ", got '" + overflow + "'");
    } else if (overflow != null && overflow.equals(config.getQueue())) {
      problems.add("overflowQueue must differ from the queue itself");
    }
    check.atLeast("serviceLevelSeconds", config.getServiceLevelSeconds(), 1);
    check.atLeast("wrapUpSeconds", config.getWrapUpSeconds(), 0);
    check.atLeast("reservationTimeoutSeconds", config.getReservationTimeoutSeconds(), 1);
    check.atLeast("maxNoAnswer", config.getMaxNoAnswer(), 1);
    skills(config.getRequiredSkills(), check);
    check.between("agingPointsPerMinute", config.getAgingPointsPerMinute(), 0, MAX_POINTS);
    rules(config.getPriorityRules(), check);
    needsOverflowQueue("maxWaitAction", config.getMaxWaitAction(), overflow, problems);
    needsOverflowQueue("noAgentAction", config.getNoAgentAction(), overflow, problems);
    relaxation(config.getSkillRelaxation(), check);
    check.atLeast("rejectDelaySeconds", config.getRejectDelaySeconds(), 0);
    check.atLeast("ringAllAgents", config.getRingAllAgents(), 0);
    check.atLeast("preferredAgentTimeoutSeconds", config.getPreferredAgentTimeoutSeconds(), 0);
    return problems;
  }

  private static void skills(List<SkillRequirement> skills, Check check) {
    check.atMostItems("requiredSkills", skills, MAX_SKILLS);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < skills.size(); i++) {
      SkillRequirement skill = skills.get(i);
      String field = "requiredSkills[" + i + "]";
      check.text(field + ".name", skill.getName(), 64);
      check.between(field + ".minLevel", skill.getMinLevel(), 1, 10);
      if (skill.getName() != null && !seen.add(skill.getName())) {
        check.problems.add(field + ".name '" + skill.getName() + "' is required twice");
      }
    }
  }

  private static void rules(List<PriorityRule> rules, Check check) {
    if (rules == null) {
      return;
    }
    check.atMostItems("priorityRules", rules, MAX_RULES);
    for (int i = 0; i < rules.size(); i++) {
      PriorityRule rule = rules.get(i);
      String field = "priorityRules[" + i + "]";
      check.text(field + ".name", rule.getName(), 64);
      if (rule.getMatch() == PriorityRuleMatch.DIRECTION && !DIRECTIONS.contains(rule.getName())) {
        check.problems.add(field + ".name must be INBOUND, OUTBOUND or INTERNAL for a DIRECTION rule, got '"
            + rule.getName() + "'");
      }
      if (rule.getMatch() != PriorityRuleMatch.ATTRIBUTE && rule.getValue() != null) {
        check.problems.add(field + ".value applies only to ATTRIBUTE rules");
      }
      check.between(field + ".points", rule.getPoints(), -MAX_POINTS, MAX_POINTS);
    }
  }

  private static void relaxation(List<SkillRelaxationStep> steps, Check check) {
    check.atMostItems("skillRelaxation", steps, MAX_STEPS);
    int previous = -1;
    for (int i = 0; i < steps.size(); i++) {
      SkillRelaxationStep step = steps.get(i);
      String field = "skillRelaxation[" + i + "]";
      check.atLeast(field + ".afterSeconds", step.getAfterSeconds(), 0);
      check.between(field + ".minLevelDelta", step.getMinLevelDelta(), 0, 9);
      if (i > 0 && step.getAfterSeconds() <= previous) {
        check.problems.add(field + ".afterSeconds must be greater than the step before (" + previous
            + "), got " + step.getAfterSeconds());
      }
      previous = step.getAfterSeconds();
    }
  }

  private static void needsOverflowQueue(String field, QueueLimitAction action, String overflow,
      List<String> problems) {
    if (action == QueueLimitAction.OVERFLOW && overflow == null) {
      problems.add(field + " OVERFLOW needs an overflowQueue");
    }
  }

  /** Collects problems in a uniform wording. */
  private record Check(List<String> problems) {
    void atLeast(String field, Integer value, int min) {
      if (value != null && value < min) {
        problems.add(field + " must be at least " + min + ", got " + value);
      }
    }

    void between(String field, int value, int min, int max) {
      if (value < min || value > max) {
        problems.add(field + " must be between " + min + " and " + max + ", got " + value);
      }
    }

    void text(String field, String value, int maxLength) {
      if (value == null || value.isBlank()) {
        problems.add(field + " must not be blank");
      } else if (value.length() > maxLength) {
        problems.add(field + " must be at most " + maxLength + " characters");
      }
    }

    void atMostItems(String field, List<?> items, int max) {
      if (items.size() > max) {
        problems.add(field + " must have at most " + max + " entries, got " + items.size());
      }
    }
  }
}
