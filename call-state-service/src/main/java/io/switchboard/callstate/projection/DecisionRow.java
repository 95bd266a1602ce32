package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.AssignmentRefused;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.ReservationRejected;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingOverflowed;
import io.switchboard.schemas.avro.RoutingQueued;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code routing_decisions}: the decision's payload flattened into nullable columns; a payload
 * with no fields of its own here (e.g. {@code RoutingAbandoned}) gets its type, queue and reason only.
 *
 * @param refusal why a forced assignment was refused ({@code AssignmentRefused}), null otherwise
 */
record DecisionRow(UUID eventId, String tenantId, String callId, String queue, String type, String agentId,
    String reservationId, Integer position, Integer priority, Instant expiresAt, String toQueue, String refusal,
    String reason, Instant occurredAt) {

  static DecisionRow of(RoutingDecision decision) {
    Object payload = decision.getPayload();
    String agentId = null;
    String reservationId = null;
    Integer position = null;
    Integer priority = null;
    Instant expiresAt = null;
    String toQueue = null;
    String refusal = null;
    if (payload instanceof RoutingQueued queued) {
      position = queued.getPosition();
      priority = queued.getPriority();
    } else if (payload instanceof RoutingOffered offered) {
      agentId = offered.getAgentId();
      reservationId = offered.getReservationId();
      expiresAt = offered.getExpiresAt();
    } else if (payload instanceof ReservationAccepted accepted) {
      agentId = accepted.getAgentId();
      reservationId = accepted.getReservationId();
    } else if (payload instanceof ReservationRejected rejected) {
      agentId = rejected.getAgentId();
      reservationId = rejected.getReservationId();
    } else if (payload instanceof ReservationTimedOut timedOut) {
      agentId = timedOut.getAgentId();
      reservationId = timedOut.getReservationId();
    } else if (payload instanceof RoutingOverflowed overflowed) {
      toQueue = overflowed.getToQueue();
    } else if (payload instanceof AssignmentRefused refused) {
      agentId = refused.getAgentId();
      refusal = refused.getReason().name();
    }
    return new DecisionRow(decision.getEventId(), decision.getTenantId(), decision.getCallId(), decision.getQueue(),
        payload.getClass().getSimpleName(), agentId, reservationId, position, priority, expiresAt, toQueue,
        refusal, decision.getReason(), decision.getOccurredAt());
  }
}
