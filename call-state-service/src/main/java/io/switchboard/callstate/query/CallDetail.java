package io.switchboard.callstate.query;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * {@code GET /api/v1/calls/{callId}}: the call view with its fields at the top level as before,
 * plus its event log and routing decisions, oldest first.
 */
record CallDetail(@JsonUnwrapped CallView call, List<EventLine> events, List<DecisionLine> routingDecisions) {

  /** One entry of call_events: the payload record name and when it occurred. */
  record EventLine(String type, String occurredAt) {}

  /** One row of routing_decisions. */
  record DecisionLine(String type, String queue, String agentId, String reservationId, Integer position,
      Integer priority, String expiresAt, String toQueue, String reason, String occurredAt) {}
}
