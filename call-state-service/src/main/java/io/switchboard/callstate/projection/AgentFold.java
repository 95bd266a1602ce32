package io.switchboard.callstate.projection;

import io.switchboard.callstate.projection.AgentRow.AgentSkill;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentSignedOut;
import io.switchboard.schemas.avro.AgentSkillsChanged;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.Skill;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Applies one {@code agent.events} record to an agent's row. Pure. The last writer wins by
 * {@code occurredAt}: an event older than the row's last applied one only adds a history line, so a
 * duplicate or a replayed old event cannot bring back an old status.
 */
final class AgentFold {

  /** The row after the event, and the history line the event leaves. */
  record Applied(AgentRow row, HistoryLine history) {}

  /** A row of {@code agent_status_history}. */
  record HistoryLine(UUID eventId, String tenantId, String agentId, String type, String status, String reason,
      Instant occurredAt, boolean applied) {}

  Applied apply(AgentRow row, AgentFact fact) {
    boolean stale = row.updatedAt() != null && fact.occurredAt().isBefore(row.updatedAt());
    AgentRow next = stale ? row : change(row, fact);
    String status = row.status();
    String reason = null;
    if (fact.payload() instanceof AgentStatusChanged changed) {
      status = changed.getStatus().name();
      reason = changed.getReason();
    } else if (fact.payload() instanceof AgentSignedOut signedOut) {
      status = "OFFLINE";
      reason = signedOut.getReason();
    }
    if (!stale) {
      status = next.status();
    }
    return new Applied(next, new HistoryLine(fact.eventId(), fact.tenantId(), fact.agentId(), fact.type(), status,
        reason, fact.occurredAt(), !stale));
  }

  private static AgentRow change(AgentRow row, AgentFact fact) {
    Object payload = fact.payload();
    String displayName = row.displayName();
    String status = row.status();
    String reason = row.statusReason();
    List<AgentSkill> skills = row.skills();
    List<String> queues = row.queues();
    int capacity = row.capacity();
    String channel = row.channel();
    String contact = row.contact();
    if (payload instanceof AgentRegistered registered) {
      displayName = registered.getDisplayName();
      skills = skills(registered.getSkills());
      queues = List.copyOf(registered.getQueues());
      capacity = registered.getCapacity();
      channel = registered.getChannel().name();
      contact = registered.getContact();
    } else if (payload instanceof AgentStatusChanged changed) {
      status = changed.getStatus().name();
      reason = changed.getReason();
    } else if (payload instanceof AgentSkillsChanged changed) {
      skills = skills(changed.getSkills());
      queues = List.copyOf(changed.getQueues());
    } else if (payload instanceof AgentSignedOut signedOut) {
      status = "OFFLINE";
      reason = signedOut.getReason();
    }
    return new AgentRow(row.tenantId(), row.agentId(), displayName, status, reason, skills, queues, capacity, channel,
        contact, fact.eventId(), fact.occurredAt());
  }

  private static List<AgentSkill> skills(List<Skill> skills) {
    return skills.stream().map(skill -> new AgentSkill(skill.getName(), skill.getLevel())).toList();
  }
}
