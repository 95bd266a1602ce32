package io.switchboard.callstate.projection;

import io.switchboard.schemas.call.CallState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A row of the {@code calls} table: what the fold of a call's events says about it. */
record CallRow(
    String tenantId,
    String callId,
    CallState state,
    String outcome,
    String queue,
    String agentId,
    String customerId,
    String direction,
    String channel,
    Integer priority,
    Map<String, String> attributes,
    List<String> tags,
    Instant createdAt,
    Instant queuedAt,
    Instant ringingAt,
    Instant offeredAt,
    Instant answeredAt,
    Instant endedAt,
    String endReason,
    Long waitMs,
    Long talkMs,
    Long durationMs,
    Instant heldAt,
    int holdCount,
    long holdMs,
    int transferCount,
    Instant stateChangedAt,
    UUID lastEventId,
    Instant lastEventAt,
    int eventCount,
    String disposition,
    String dispositionNotes,
    Instant wrappedUpAt,
    String wrappedUpBy) {}
