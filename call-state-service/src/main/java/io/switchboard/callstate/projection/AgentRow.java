package io.switchboard.callstate.projection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A row of the {@code agents} table.
 *
 * @param updatedAt when the last applied event occurred: older events no longer change the row
 */
record AgentRow(
    String tenantId,
    String agentId,
    String displayName,
    String status,
    String statusReason,
    List<AgentSkill> skills,
    List<String> queues,
    int capacity,
    String channel,
    String contact,
    UUID lastEventId,
    Instant updatedAt) {

  /** A skill and its level, 1 to 10. */
  record AgentSkill(String name, int level) {}

  /** An agent known only by an event that does not describe it yet: offline, no skills. */
  static AgentRow unknown(AgentKey key) {
    return new AgentRow(key.tenantId(), key.agentId(), null, "OFFLINE", null, List.of(), List.of(), 1, null, null,
        null, null);
  }
}
