package io.switchboard.callstate.query;

import java.util.List;
import java.util.Map;

/**
 * The call view of docs/call-flow.md. Timestamps are ISO-8601 UTC with milliseconds; a field not
 * reached yet is null (and is written as null, not left out). {@code talkMs} runs from answer to
 * end and includes {@code holdMs}; {@code wrapUpMs} is the agent's wrap-up after the call; {@code disposition}
 * and its notes are the last wrap-up submitted for the call (null before one).
 */
record CallView(
    String callId,
    String tenantId,
    String state,
    String outcome,
    String queue,
    String agentId,
    String customerId,
    String direction,
    String channel,
    Integer priority,
    Map<String, String> attributes,
    List<String> tags,
    String createdAt,
    String queuedAt,
    String offeredAt,
    String answeredAt,
    String endedAt,
    String endReason,
    Long waitMs,
    Long talkMs,
    Long durationMs,
    String ringingAt,
    String heldAt,
    Integer holdCount,
    Long holdMs,
    Integer transferCount,
    Long wrapUpMs,
    String disposition,
    String dispositionNotes,
    String wrappedUpAt,
    String wrappedUpBy) {}
