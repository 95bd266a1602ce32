package io.switchboard.routing.queue;

import io.switchboard.routing.queue.RoutedCall.Offer;
import io.switchboard.schemas.avro.AgentPaused;
import io.switchboard.schemas.avro.AssignmentRefusalReason;
import io.switchboard.schemas.avro.AssignmentRefused;
import io.switchboard.schemas.avro.CallbackScheduled;
import io.switchboard.schemas.avro.OfferRescinded;
import io.switchboard.schemas.avro.QueueLimit;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.ReservationRejected;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingAbandoned;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingOverflowed;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.avro.RoutingRejected;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes routing decisions, keyed by call id, each with the reason it was taken. */
final class Decisions {

  private static final Logger log = LoggerFactory.getLogger(Decisions.class);

  private final ProcessorContext<String, RoutingDecision> context;
  private final String source;

  Decisions(ProcessorContext<String, RoutingDecision> context, String source) {
    this.context = context;
    this.source = source;
  }

  void queued(String tenant, RoutedCall call, int position, String reason) {
    emit(tenant, call, reason, new RoutingQueued(position, call.priority()));
  }

  void offered(String tenant, RoutedCall offered, Offer offer, String reason) {
    emit(tenant, offered, reason, new RoutingOffered(offer.agentId(), offer.reservationId(),
        Instant.ofEpochMilli(offered.expiresAt()), offered.callback()));
  }

  void accepted(String tenant, RoutedCall offered, Offer offer, String reason) {
    emit(tenant, offered, reason, new ReservationAccepted(offer.agentId(), offer.reservationId()));
  }

  void rejected(String tenant, RoutedCall offered, Offer offer, String reason) {
    emit(tenant, offered, reason, new ReservationRejected(offer.agentId(), offer.reservationId()));
  }

  void timedOut(String tenant, RoutedCall offered, Offer offer, String reason) {
    emit(tenant, offered, reason, new ReservationTimedOut(offer.agentId(), offer.reservationId()));
  }

  /** A ring-all offer withdrawn because another agent answered first. */
  void rescinded(String tenant, RoutedCall offered, Offer offer, String reason) {
    emit(tenant, offered, reason, new OfferRescinded(offer.agentId(), offer.reservationId()));
  }

  /** Keyed by the call whose missed offer paused the agent. */
  void paused(String tenant, RoutedCall call, String agentId, String pauseReason, String reason) {
    emit(tenant, call, reason, new AgentPaused(agentId, pauseReason));
  }

  void abandoned(String tenant, RoutedCall call, long waitedMs, String reason) {
    emit(tenant, call, reason, new RoutingAbandoned(waitedMs));
  }

  /** Keyed by the call, in the queue it overflows from. */
  void overflowed(String tenant, RoutedCall call, String toQueue, String reason) {
    emit(tenant, call, reason, new RoutingOverflowed(toQueue));
  }

  /** A queue limit with nowhere to go; {@code queue} is the queue whose limit refused the call. */
  void limitReached(String tenant, String callId, String queue, QueueLimit limit, String reason) {
    emit(tenant, callId, queue, reason, new RoutingRejected(limit));
  }

  void callbackScheduled(String tenant, RoutedCall call, int position, String reason) {
    emit(tenant, call, reason, new CallbackScheduled(position));
  }

  /** A forced assignment refused; {@code queue} is the call's queue, empty when it has none. */
  void assignmentRefused(String tenant, String callId, String queue, String agentId, AssignmentRefusalReason refusal,
      String reason) {
    emit(tenant, callId, queue, reason, new AssignmentRefused(agentId, refusal));
  }

  private void emit(String tenant, RoutedCall call, String reason, Object payload) {
    emit(tenant, call.callId(), call.queue(), reason, payload);
  }

  private void emit(String tenant, String callId, String queue, String reason, Object payload) {
    long now = context.currentSystemTimeMs();
    RoutingDecision decision = RoutingDecision.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(tenant)
        .setOccurredAt(Instant.ofEpochMilli(now))
        .setSource(source)
        .setCallId(callId)
        .setQueue(queue)
        .setReason(reason)
        .setPayload(payload)
        .build();
    context.forward(new Record<>(callId, decision, now));
    log.info("{} for call {} of tenant {}: {}", payload.getClass().getSimpleName(), callId, tenant, reason);
  }
}
