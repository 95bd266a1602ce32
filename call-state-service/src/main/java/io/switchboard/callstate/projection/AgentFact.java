package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.AgentEvent;
import java.time.Instant;
import java.util.UUID;

/** One {@code agent.events} record, with where it was read. */
record AgentFact(UUID eventId, String tenantId, String agentId, Instant occurredAt, Object payload, int partition,
    long offset) {

  static AgentFact of(AgentEvent event, int partition, long offset) {
    return new AgentFact(event.getEventId(), event.getTenantId(), event.getAgentId(), event.getOccurredAt(),
        event.getPayload(), partition, offset);
  }

  AgentKey key() {
    return new AgentKey(tenantId, agentId);
  }

  String type() {
    return payload.getClass().getSimpleName();
  }
}
