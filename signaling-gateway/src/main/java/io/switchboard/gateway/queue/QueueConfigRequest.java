package io.switchboard.gateway.queue;

import java.util.List;

/**
 * Body of {@code PUT /api/v1/queues/{name}}: the fields of {@code QueueConfig} without its envelope.
 * Every field is optional, and an omitted one takes the schema's default. Enums are strings here so
 * that an unknown value is refused with the list of allowed ones, not a parser message.
 */
record QueueConfigRequest(
    String strategy,
    Integer priorityBase,
    Integer capacity,
    Integer maxWaitSeconds,
    Integer maxWaitNoAgentSeconds,
    String overflowQueue,
    Integer serviceLevelSeconds,
    Integer wrapUpSeconds,
    Integer reservationTimeoutSeconds,
    Integer maxNoAnswer,
    List<RequiredSkill> requiredSkills,
    Integer agingPointsPerMinute,
    List<PriorityPoints> priorityRules,
    String maxWaitAction,
    String noAgentAction,
    List<Relaxation> skillRelaxation,
    Integer rejectDelaySeconds,
    Integer ringAllAgents,
    Integer preferredAgentTimeoutSeconds,
    Long randomSeed) {

  /** A skill every agent taking the queue's calls needs, at {@code minLevel} (1–10, default 1) or above. */
  record RequiredSkill(String name, Integer minLevel) {}

  /** Priority points for calls that match: an attribute (with a value, or any), a tag, or a direction. */
  record PriorityPoints(String match, String name, String value, Integer points) {}

  /** After {@code afterSeconds} of waiting, lower the minimum levels or take any agent of the queue. */
  record Relaxation(Integer afterSeconds, Integer minLevelDelta, Boolean anyAgent) {}
}
