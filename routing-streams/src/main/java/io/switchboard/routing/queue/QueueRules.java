package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.PriorityRule;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.RoutingStrategy;
import io.switchboard.schemas.avro.SkillRelaxationStep;
import io.switchboard.schemas.avro.SkillRequirement;
import java.util.Comparator;
import java.util.List;

/**
 * How one queue routes: its {@code queue.config} record, or the defaults for a queue nobody
 * configured (LONGEST_IDLE, the engine's base and rules, the engine's reservation timeout, and the
 * QueueConfig schema defaults for the rest). Times are in milliseconds.
 */
record QueueRules(
    String queue,
    boolean configured,
    RoutingStrategy strategy,
    int priorityBase,
    List<PriorityRule> priorityRules,
    int agingPointsPerMinute,
    List<SkillRequirement> requiredSkills,
    List<SkillRelaxationStep> skillRelaxation,
    long reservationTimeoutMs,
    int maxNoAnswer,
    long wrapUpMs,
    long rejectDelayMs,
    int ringAllAgents,
    long preferredAgentTimeoutMs,
    long randomSeed) {

  /** QueueConfig schema defaults for what the engine settings do not cover. */
  private static final int DEFAULT_MAX_NO_ANSWER = 3;
  private static final long DEFAULT_PREFERRED_AGENT_TIMEOUT_MS = 20_000;

  QueueRules {
    priorityRules = List.copyOf(priorityRules);
    requiredSkills = List.copyOf(requiredSkills);
    // Latest step first, so the step in force is the first one reached.
    skillRelaxation = skillRelaxation.stream()
        .sorted(Comparator.comparingInt(SkillRelaxationStep::getAfterSeconds).reversed())
        .toList();
    agingPointsPerMinute = WaitingOrder.clampRate(agingPointsPerMinute);
  }

  static QueueRules defaults(String queue, RoutingSettings settings) {
    PriorityRules engine = settings.priorityRules();
    return new QueueRules(queue, false, RoutingStrategy.LONGEST_IDLE, engine.base(), engine.asRules(), 0, List.of(),
        List.of(), settings.reservationTimeout().toMillis(), DEFAULT_MAX_NO_ANSWER, 0, 0, 0,
        DEFAULT_PREFERRED_AGENT_TIMEOUT_MS, 0);
  }

  static QueueRules of(QueueConfig config, RoutingSettings settings) {
    List<PriorityRule> rules = config.getPriorityRules() != null
        ? config.getPriorityRules() : settings.priorityRules().asRules();
    return new QueueRules(config.getQueue(), true, config.getStrategy(), config.getPriorityBase(), rules,
        config.getAgingPointsPerMinute(), config.getRequiredSkills(), config.getSkillRelaxation(),
        seconds(config.getReservationTimeoutSeconds(), settings.reservationTimeout().toMillis()),
        config.getMaxNoAnswer(), seconds(config.getWrapUpSeconds(), 0), seconds(config.getRejectDelaySeconds(), 0),
        Math.max(0, config.getRingAllAgents()), seconds(config.getPreferredAgentTimeoutSeconds(), 0),
        config.getRandomSeed());
  }

  CallPriority priority(RoutedCall call) {
    return CallPriority.score(priorityBase, priorityRules, call.direction(), call.attributes(), call.tags());
  }

  long sortKey(RoutedCall call) {
    return WaitingOrder.sortKey(call.priority(), call.enqueuedAt(), agingPointsPerMinute);
  }

  /** The relaxation step in force after waiting {@code waitedMs}: the latest one reached, if any. */
  SkillRelaxationStep relaxation(long waitedMs) {
    for (SkillRelaxationStep step : skillRelaxation) {
      if (waitedMs >= step.getAfterSeconds() * 1000L) {
        return step;
      }
    }
    return null;
  }

  /** Which relaxation step is in force after {@code waitedMs}: -1 before the first, else its place. */
  int relaxationStep(long waitedMs) {
    for (int i = 0; i < skillRelaxation.size(); i++) {
      if (waitedMs >= skillRelaxation.get(i).getAfterSeconds() * 1000L) {
        return skillRelaxation.size() - i;
      }
    }
    return -1;
  }

  /** A non-positive number of seconds keeps the fallback (e.g. a reservation must time out). */
  private static long seconds(int seconds, long fallbackMs) {
    return seconds > 0 ? seconds * 1000L : fallbackMs;
  }
}
