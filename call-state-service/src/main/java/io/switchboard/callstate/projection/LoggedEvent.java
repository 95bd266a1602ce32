package io.switchboard.callstate.projection;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code call_events}: an event about a call, as JSON and as the Avro bytes consumed. */
record LoggedEvent(UUID eventId, String tenantId, String callId, String type, Instant occurredAt, String topic,
    int partition, long offset, String json, byte[] record) {}
