package io.switchboard.gateway.queue;

import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.avro.PriorityRule;
import io.switchboard.schemas.avro.PriorityRuleMatch;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.QueueLimitAction;
import io.switchboard.schemas.avro.RoutingStrategy;
import io.switchboard.schemas.avro.SkillRelaxationStep;
import io.switchboard.schemas.avro.SkillRequirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Turns a request body into a {@link QueueConfig}. Only the fields given are set, so the Avro
 * builder fills the others with the schema's defaults: the gateway never keeps a second copy of them.
 */
final class QueueConfigMapper {

  private QueueConfigMapper() {}

  /**
   * The complete, valid config.
   *
   * @param builder a builder with the envelope and the queue name set
   * @throws ApiException 400 listing every problem of the body
   */
  static QueueConfig toConfig(QueueConfig.Builder builder, QueueConfigRequest body) {
    List<String> problems = new ArrayList<>();
    set(enumValue(RoutingStrategy.class, "strategy", body.strategy(), problems), builder::setStrategy);
    set(body.priorityBase(), builder::setPriorityBase);
    set(body.capacity(), builder::setCapacity);
    set(body.maxWaitSeconds(), builder::setMaxWaitSeconds);
    set(body.maxWaitNoAgentSeconds(), builder::setMaxWaitNoAgentSeconds);
    set(body.overflowQueue(), builder::setOverflowQueue);
    set(body.serviceLevelSeconds(), builder::setServiceLevelSeconds);
    set(body.wrapUpSeconds(), builder::setWrapUpSeconds);
    set(body.reservationTimeoutSeconds(), builder::setReservationTimeoutSeconds);
    set(body.maxNoAnswer(), builder::setMaxNoAnswer);
    set(skills(body.requiredSkills(), problems), builder::setRequiredSkills);
    set(body.agingPointsPerMinute(), builder::setAgingPointsPerMinute);
    // null keeps the engine's default rules, which is also the schema default.
    set(rules(body.priorityRules(), problems), builder::setPriorityRules);
    set(enumValue(QueueLimitAction.class, "maxWaitAction", body.maxWaitAction(), problems), builder::setMaxWaitAction);
    set(enumValue(QueueLimitAction.class, "noAgentAction", body.noAgentAction(), problems), builder::setNoAgentAction);
    set(steps(body.skillRelaxation(), problems), builder::setSkillRelaxation);
    set(body.rejectDelaySeconds(), builder::setRejectDelaySeconds);
    set(body.ringAllAgents(), builder::setRingAllAgents);
    set(body.preferredAgentTimeoutSeconds(), builder::setPreferredAgentTimeoutSeconds);
    set(body.randomSeed(), builder::setRandomSeed);
    if (problems.isEmpty()) {
      QueueConfig config = builder.build();
      problems.addAll(QueueConfigRules.problems(config));
      if (problems.isEmpty()) {
        return config;
      }
    }
    throw ApiException.badRequest("Invalid queue config: " + String.join("; ", problems));
  }

  private static <T> void set(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value, List<String> problems) {
    if (value == null) {
      return null;
    }
    for (E candidate : type.getEnumConstants()) {
      if (candidate.name().equals(value)) {
        return candidate;
      }
    }
    problems.add(field + " must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
        .collect(Collectors.joining(", ")) + ", got '" + value + "'");
    return null;
  }

  private static List<SkillRequirement> skills(List<QueueConfigRequest.RequiredSkill> skills, List<String> problems) {
    if (skills == null) {
      return null;
    }
    List<SkillRequirement> result = new ArrayList<>();
    for (int i = 0; i < skills.size(); i++) {
      QueueConfigRequest.RequiredSkill skill = skills.get(i);
      if (skill == null) {
        problems.add("requiredSkills[" + i + "] must not be null");
        continue;
      }
      result.add(new SkillRequirement(strip(skill.name()), skill.minLevel() == null ? 1 : skill.minLevel()));
    }
    return result;
  }

  private static List<PriorityRule> rules(List<QueueConfigRequest.PriorityPoints> rules, List<String> problems) {
    if (rules == null) {
      return null;
    }
    List<PriorityRule> result = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      QueueConfigRequest.PriorityPoints rule = rules.get(i);
      String field = "priorityRules[" + i + "]";
      if (rule == null) {
        problems.add(field + " must not be null");
        continue;
      }
      PriorityRuleMatch match = rule.match() == null ? PriorityRuleMatch.ATTRIBUTE
          : enumValue(PriorityRuleMatch.class, field + ".match", rule.match(), problems);
      if (rule.points() == null) {
        problems.add(field + ".points is required");
      }
      if (match != null && rule.points() != null) {
        result.add(new PriorityRule(match, strip(rule.name()), rule.value(), rule.points()));
      }
    }
    return result;
  }

  private static List<SkillRelaxationStep> steps(List<QueueConfigRequest.Relaxation> steps, List<String> problems) {
    if (steps == null) {
      return null;
    }
    List<SkillRelaxationStep> result = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      QueueConfigRequest.Relaxation step = steps.get(i);
      String field = "skillRelaxation[" + i + "]";
      if (step == null || step.afterSeconds() == null) {
        problems.add(field + (step == null ? " must not be null" : ".afterSeconds is required"));
        continue;
      }
      result.add(new SkillRelaxationStep(step.afterSeconds(),
          step.minLevelDelta() == null ? 0 : step.minLevelDelta(),
          step.anyAgent() != null && step.anyAgent()));
    }
    return result;
  }

  private static String strip(String value) {
    return value == null ? null : value.strip();
  }
}
