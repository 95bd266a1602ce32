package io.switchboard.callstate.projection;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code call_events}: an event about a call, as decoded (the fact the folds read, kept so
 * that a new event need not be read back), as JSON and as the Avro bytes consumed.
 */
record LoggedEvent(CallFact fact, String json, byte[] record) {

  UUID eventId() {
    return fact.eventId();
  }

  String tenantId() {
    return fact.tenantId();
  }

  String callId() {
    return fact.callId();
  }

  CallKey call() {
    return new CallKey(fact.tenantId(), fact.callId());
  }

  String type() {
    return fact.type();
  }

  Instant occurredAt() {
    return fact.occurredAt();
  }

  String topic() {
    return fact.topic();
  }

  int partition() {
    return fact.partition();
  }

  long offset() {
    return fact.offset();
  }
}
