package io.switchboard.gateway.queue;

import io.switchboard.schemas.avro.QueueConfig;
import java.time.Instant;
import java.util.List;

/**
 * A stored queue as the admin API shows it: the request's fields with every default filled in, plus
 * the name and when and by which instance it was last written.
 */
record QueueView(
    String name,
    String strategy,
    int priorityBase,
    Integer capacity,
    Integer maxWaitSeconds,
    Integer maxWaitNoAgentSeconds,
    String overflowQueue,
    int serviceLevelSeconds,
    int wrapUpSeconds,
    int reservationTimeoutSeconds,
    int maxNoAnswer,
    List<QueueConfigRequest.RequiredSkill> requiredSkills,
    int agingPointsPerMinute,
    List<QueueConfigRequest.PriorityPoints> priorityRules,
    String maxWaitAction,
    String noAgentAction,
    List<QueueConfigRequest.Relaxation> skillRelaxation,
    int rejectDelaySeconds,
    int ringAllAgents,
    int preferredAgentTimeoutSeconds,
    long randomSeed,
    Instant updatedAt,
    String updatedBy) {

  static QueueView of(QueueConfig config) {
    return new QueueView(
        config.getQueue(),
        config.getStrategy().name(),
        config.getPriorityBase(),
        config.getCapacity(),
        config.getMaxWaitSeconds(),
        config.getMaxWaitNoAgentSeconds(),
        config.getOverflowQueue(),
        config.getServiceLevelSeconds(),
        config.getWrapUpSeconds(),
        config.getReservationTimeoutSeconds(),
        config.getMaxNoAnswer(),
        config.getRequiredSkills().stream()
            .map(s -> new QueueConfigRequest.RequiredSkill(s.getName(), s.getMinLevel())).toList(),
        config.getAgingPointsPerMinute(),
        config.getPriorityRules() == null ? null : config.getPriorityRules().stream()
            .map(r -> new QueueConfigRequest.PriorityPoints(r.getMatch().name(), r.getName(), r.getValue(), r.getPoints()))
            .toList(),
        config.getMaxWaitAction().name(),
        config.getNoAgentAction().name(),
        config.getSkillRelaxation().stream()
            .map(s -> new QueueConfigRequest.Relaxation(s.getAfterSeconds(), s.getMinLevelDelta(), s.getAnyAgent()))
            .toList(),
        config.getRejectDelaySeconds(),
        config.getRingAllAgents(),
        config.getPreferredAgentTimeoutSeconds(),
        config.getRandomSeed(),
        config.getOccurredAt(),
        config.getSource());
  }
}
