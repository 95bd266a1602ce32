package io.switchboard.benchmarks.callstate;

import io.switchboard.callstate.projection.EventJson;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The baseline's rows of one poll: a {@code call_events} row per call event and decision (with the
 * Avro JSON payload and the bytes, as the service logs them), a {@code routing_decisions} row per
 * decision, an {@code agent_status_history} row per agent event, and a {@code calls} row per call
 * whose {@code CallEnded} was read, from fields kept in memory since its {@code CallCreated}.
 */
final class BaselineRows {

  private static final MultiRowInsert CALL_EVENTS = new MultiRowInsert("call_events",
      "event_id, tenant_id, call_id, type, occurred_at, topic, partition, record_offset, payload, record",
      "(?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?)");
  private static final MultiRowInsert DECISIONS = new MultiRowInsert("routing_decisions",
      "event_id, tenant_id, call_id, queue, type, agent_id, reservation_id, position, priority, expires_at, occurred_at",
      "(?, ?, ?, ?, ?, ?, ?, ?::integer, ?::integer, ?::timestamptz, ?)");
  private static final MultiRowInsert AGENT_HISTORY = new MultiRowInsert("agent_status_history",
      "event_id, tenant_id, agent_id, type, status, reason, occurred_at, applied",
      "(?, ?, ?, ?, ?, ?::text, ?, true)");
  private static final MultiRowInsert CALLS = new MultiRowInsert("calls",
      "tenant_id, call_id, state, outcome, queue, agent_id, customer_id, direction, channel, created_at, queued_at, "
          + "offered_at, answered_at, ended_at, end_reason, wait_ms, talk_ms, duration_ms, event_count, updated_at",
      "(?, ?, 'ENDED', ?, ?, ?::text, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?, "
          + "?::text, ?::bigint, ?::bigint, ?::bigint, ?, now())");

  /** A call's fields until its end is read; decisions only add to calls already seen. */
  private static final class Call {
    String queue;
    String agentId;
    String customerId;
    String direction;
    String channel;
    Instant createdAt;
    Instant queuedAt;
    Instant offeredAt;
    Instant answeredAt;
    int events;
  }

  private final Map<String, Call> open = new HashMap<>();
  private final List<Object[]> callEvents = new ArrayList<>();
  private final List<Object[]> decisions = new ArrayList<>();
  private final List<Object[]> agentHistory = new ArrayList<>();
  private final List<Object[]> calls = new ArrayList<>();
  private long callRows;

  void callEvent(CallEvent event, String topic, int partition, long offset, byte[] bytes) {
    Object payload = event.getPayload();
    callEvents.add(logRow(event.getEventId(), event.getTenantId(), event.getCallId(), payload, event.getOccurredAt(),
        topic, partition, offset, event, bytes));
    String key = event.getTenantId() + "/" + event.getCallId();
    if (payload instanceof CallCreated) {
      CallCreated created = (CallCreated) payload;
      Call call = new Call();
      call.queue = created.getQueue();
      call.customerId = created.getCustomerId();
      call.direction = created.getDirection().name();
      call.channel = created.getChannel().name();
      call.createdAt = event.getOccurredAt();
      open.put(key, call);
    }
    Call call = open.get(key);
    if (call == null) {
      return;
    }
    call.events++;
    if (payload instanceof CallQueued) {
      call.queuedAt = event.getOccurredAt();
    } else if (payload instanceof CallAnswered) {
      call.answeredAt = event.getOccurredAt();
      call.agentId = ((CallAnswered) payload).getAgentId();
    } else if (payload instanceof CallEnded) {
      open.remove(key);
      calls.add(callRow(event, (CallEnded) payload, call));
    }
  }

  void decision(RoutingDecision decision, String topic, int partition, long offset, byte[] bytes) {
    Object payload = decision.getPayload();
    callEvents.add(logRow(decision.getEventId(), decision.getTenantId(), decision.getCallId(), payload,
        decision.getOccurredAt(), topic, partition, offset, decision, bytes));
    String agentId = null;
    String reservationId = null;
    Integer position = null;
    Integer priority = null;
    Instant expiresAt = null;
    if (payload instanceof RoutingQueued) {
      position = ((RoutingQueued) payload).getPosition();
      priority = ((RoutingQueued) payload).getPriority();
    } else if (payload instanceof RoutingOffered) {
      RoutingOffered offer = (RoutingOffered) payload;
      agentId = offer.getAgentId();
      reservationId = offer.getReservationId();
      expiresAt = offer.getExpiresAt();
    } else if (payload instanceof ReservationAccepted) {
      agentId = ((ReservationAccepted) payload).getAgentId();
      reservationId = ((ReservationAccepted) payload).getReservationId();
    }
    decisions.add(new Object[] {decision.getEventId(), decision.getTenantId(), decision.getCallId(),
        decision.getQueue(), payload.getClass().getSimpleName(), agentId, reservationId, position, priority,
        at(expiresAt), at(decision.getOccurredAt())});
    Call call = open.get(decision.getTenantId() + "/" + decision.getCallId());
    if (call != null) {
      call.events++;
      if (payload instanceof RoutingOffered) {
        call.offeredAt = decision.getOccurredAt();
      }
    }
  }

  void agentEvent(AgentEvent event) {
    Object payload = event.getPayload();
    String status = payload instanceof AgentStatusChanged ? ((AgentStatusChanged) payload).getStatus().name()
        : "OFFLINE";
    String reason = payload instanceof AgentStatusChanged ? ((AgentStatusChanged) payload).getReason() : null;
    agentHistory.add(new Object[] {event.getEventId(), event.getTenantId(), event.getAgentId(),
        payload.getClass().getSimpleName(), status, reason, at(event.getOccurredAt())});
  }

  /** Writes the poll's rows, a few multi-row statements per table, and forgets them. */
  void flush(Connection connection) throws SQLException {
    CALL_EVENTS.insert(connection, callEvents);
    DECISIONS.insert(connection, decisions);
    AGENT_HISTORY.insert(connection, agentHistory);
    CALLS.insert(connection, calls);
    callRows += calls.size();
    callEvents.clear();
    decisions.clear();
    agentHistory.clear();
    calls.clear();
  }

  long callRows() {
    return callRows;
  }

  private static Object[] callRow(CallEvent event, CallEnded ended, Call call) {
    Instant endedAt = event.getOccurredAt();
    Long waitMs = call.queuedAt == null || call.answeredAt == null ? null : millis(call.queuedAt, call.answeredAt);
    Long talkMs = call.answeredAt == null ? null : millis(call.answeredAt, endedAt);
    return new Object[] {event.getTenantId(), event.getCallId(), ended.getOutcome().name(), call.queue, call.agentId,
        call.customerId, call.direction, call.channel, at(call.createdAt), at(call.queuedAt), at(call.offeredAt),
        at(call.answeredAt), at(endedAt), ended.getReason(), waitMs, talkMs, millis(call.createdAt, endedAt),
        call.events};
  }

  private static Object[] logRow(Object eventId, String tenant, String callId, Object payload, Instant occurredAt,
      String topic, int partition, long offset, SpecificRecord record, byte[] bytes) {
    return new Object[] {eventId, tenant, callId, payload.getClass().getSimpleName(), at(occurredAt), topic, partition,
        offset, EventJson.of(record), bytes};
  }

  private static Long millis(Instant from, Instant to) {
    return to.toEpochMilli() - from.toEpochMilli();
  }

  private static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
