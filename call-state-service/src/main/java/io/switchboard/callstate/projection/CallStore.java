package io.switchboard.callstate.projection;

import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The {@code call_events} log and the {@code calls} rows folded from it. */
final class CallStore {

  private static final String INSERT_EVENT = """
      INSERT INTO call_events (event_id, tenant_id, call_id, type, occurred_at, topic, partition, record_offset,
                               payload, record)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id""";

  private static final String SELECT_EVENTS = """
      SELECT topic, partition, record_offset, record FROM call_events
      WHERE (tenant_id, call_id) IN (SELECT t, c FROM unnest($1::text[], $2::text[]) AS k(t, c))""";

  // wrap_up_ms is not the fold's: WrapUps derives it from agent_status_history afterwards.
  private static final String UPSERT_CALL = """
      INSERT INTO calls (tenant_id, call_id, state, outcome, queue, agent_id, customer_id, direction, channel,
                         priority, attributes, tags, created_at, queued_at, ringing_at, offered_at, answered_at,
                         ended_at, end_reason, wait_ms, talk_ms, duration_ms, held_at, hold_count, hold_ms,
                         transfer_count, state_changed_at, last_event_id, last_event_at, event_count, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
              $23, $24, $25, $26, $27, $28, $29, $30, now())
      ON CONFLICT (tenant_id, call_id) DO UPDATE SET
        state = EXCLUDED.state, outcome = EXCLUDED.outcome, queue = EXCLUDED.queue, agent_id = EXCLUDED.agent_id,
        customer_id = EXCLUDED.customer_id, direction = EXCLUDED.direction, channel = EXCLUDED.channel,
        priority = EXCLUDED.priority, attributes = EXCLUDED.attributes, tags = EXCLUDED.tags,
        created_at = EXCLUDED.created_at, queued_at = EXCLUDED.queued_at, ringing_at = EXCLUDED.ringing_at,
        offered_at = EXCLUDED.offered_at, answered_at = EXCLUDED.answered_at, ended_at = EXCLUDED.ended_at,
        end_reason = EXCLUDED.end_reason, wait_ms = EXCLUDED.wait_ms, talk_ms = EXCLUDED.talk_ms,
        duration_ms = EXCLUDED.duration_ms, held_at = EXCLUDED.held_at, hold_count = EXCLUDED.hold_count,
        hold_ms = EXCLUDED.hold_ms, transfer_count = EXCLUDED.transfer_count,
        state_changed_at = EXCLUDED.state_changed_at, last_event_id = EXCLUDED.last_event_id,
        last_event_at = EXCLUDED.last_event_at, event_count = EXCLUDED.event_count, updated_at = now()""";

  private final DatabaseClient db;
  private final JsonMapper json;
  private final RecordDecoder decoder;

  CallStore(DatabaseClient db, JsonMapper json, RecordDecoder decoder) {
    this.db = db;
    this.json = json;
    this.decoder = decoder;
  }

  /** Logs the events and returns the ids of those not logged before. */
  Flux<UUID> log(List<LoggedEvent> events) {
    List<Object[]> rows = new ArrayList<>(events.size());
    for (LoggedEvent event : events) {
      rows.add(new Object[] {event.eventId(), event.tenantId(), event.callId(), event.type(), event.occurredAt(),
          event.topic(), event.partition(), event.offset(), Json.of(event.json()), event.record()});
    }
    return Statements.run(db, INSERT_EVENT, rows, result -> result.map((row, meta) -> row.get(0, UUID.class)));
  }

  /** Every logged event of the given calls, decoded again from the bytes consumed. */
  Flux<CallFact> facts(Collection<CallKey> calls) {
    if (calls.isEmpty()) {
      return Flux.empty();
    }
    String[] tenants = calls.stream().map(CallKey::tenantId).toArray(String[]::new);
    String[] callIds = calls.stream().map(CallKey::callId).toArray(String[]::new);
    return db.sql(SELECT_EVENTS).bind(0, tenants).bind(1, callIds)
        .map((row, meta) -> decoder.storedCallFact(row.get("topic", String.class), row.get("partition", Integer.class),
            row.get("record_offset", Long.class), row.get("record", byte[].class)))
        .all();
  }

  Mono<Void> upsert(Collection<CallRow> calls) {
    List<Object[]> rows = new ArrayList<>(calls.size());
    for (CallRow call : calls) {
      rows.add(new Object[] {call.tenantId(), call.callId(), call.state().name(), nullable(call.outcome()),
          nullable(call.queue()), nullable(call.agentId()), nullable(call.customerId()), nullable(call.direction()),
          nullable(call.channel()), Statements.orNull(call.priority(), Integer.class),
          Json.of(json.writeValueAsString(call.attributes())), call.tags().toArray(String[]::new),
          at(call.createdAt()), at(call.queuedAt()), at(call.ringingAt()), at(call.offeredAt()),
          at(call.answeredAt()), at(call.endedAt()), nullable(call.endReason()), millis(call.waitMs()),
          millis(call.talkMs()), millis(call.durationMs()), at(call.heldAt()), call.holdCount(), call.holdMs(),
          call.transferCount(), at(call.stateChangedAt()), Statements.orNull(call.lastEventId(), UUID.class),
          at(call.lastEventAt()), call.eventCount()});
    }
    return Statements.update(db, UPSERT_CALL, rows).then();
  }

  private static Object nullable(String value) {
    return Statements.orNull(value, String.class);
  }

  private static Object at(Instant value) {
    return Statements.orNull(value, Instant.class);
  }

  private static Object millis(Long value) {
    return Statements.orNull(value, Long.class);
  }
}
