package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.RoutingDecision;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event about a call, from {@code call.events} or {@code routing.decisions}, with where it was
 * read, which breaks ties between events of the same millisecond.
 *
 * @param queue the queue a routing decision concerns; null for call events, whose payload says it
 */
record CallFact(
    UUID eventId,
    String tenantId,
    String callId,
    Instant occurredAt,
    Object payload,
    String queue,
    String topic,
    int partition,
    long offset) {

  CallFact {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(payload, "payload");
  }

  static CallFact of(CallEvent event, String topic, int partition, long offset) {
    return new CallFact(event.getEventId(), event.getTenantId(), event.getCallId(), event.getOccurredAt(),
        event.getPayload(), null, topic, partition, offset);
  }

  static CallFact of(RoutingDecision decision, String topic, int partition, long offset) {
    return new CallFact(decision.getEventId(), decision.getTenantId(), decision.getCallId(),
        decision.getOccurredAt(), decision.getPayload(), decision.getQueue(), topic, partition, offset);
  }

  String type() {
    return payload.getClass().getSimpleName();
  }
}
