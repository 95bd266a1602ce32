package io.switchboard.callstate.query;

import java.util.List;
import java.util.Map;

/**
 * One audit event as the API answers it (docs/call-state.md, Read API: audit). {@code occurredAt} is
 * ISO-8601 UTC with milliseconds; fields the event did not carry are null.
 */
record AuditView(
    String eventId,
    String tenantId,
    String occurredAt,
    String source,
    Actor actor,
    String action,
    Target target,
    String outcome,
    String reason,
    Map<String, String> details,
    String requestId,
    String clientAddress) {

  /** Who acted. */
  record Actor(String subject, List<String> roles, String agentId) {}

  /** What was acted on. */
  record Target(String kind, String id) {}
}
