package io.switchboard.callstate.projection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The {@code call_events} log and the {@code calls} rows folded from it. */
final class CallStore {

  // One statement for the whole batch: the rows arrive as arrays, one per column. (An R2DBC batch
  // of single-row inserts is one execution and one result per row.) The Avro bytes travel as
  // base64 text, decoded by PostgreSQL. The payloads travel as one JSON array, parsed once: as a
  // text[] every quote of every payload was escaped by the driver and unescaped by PostgreSQL.
  private static final String INSERT_EVENTS = """
      INSERT INTO call_events (event_id, tenant_id, call_id, type, occurred_at, topic, partition, record_offset,
                               payload, record)
      SELECT u.event_id, u.tenant_id, u.call_id, u.type, u.occurred_at, u.topic, u.partition, u.record_offset,
             u.payload, decode(u.record, 'base64')
      FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::int[],
                  $8::bigint[], ARRAY(SELECT p FROM jsonb_array_elements($9::jsonb) WITH ORDINALITY AS e(p, i)
                                      ORDER BY i), $10::text[])
           AS u(event_id, tenant_id, call_id, type, occurred_at, topic, partition, record_offset, payload, record)
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id""";

  // The events of the batch itself are known already: not read back.
  private static final String SELECT_EVENTS = """
      SELECT topic, partition, record_offset, record FROM call_events
      WHERE (tenant_id, call_id) IN (SELECT t, c FROM unnest($1::text[], $2::text[]) AS k(t, c))
        AND event_id <> ALL($3::uuid[])""";

  // wrap_up_ms is not the fold's: WrapUps derives it from agent_status_history afterwards.
  // One statement per batch, the rows as arrays (see INSERT_EVENTS); tags travel as a JSON array.
  private static final String UPSERT_CALLS = """
      INSERT INTO calls (tenant_id, call_id, state, outcome, queue, agent_id, customer_id, direction, channel,
                         priority, attributes, tags, created_at, queued_at, ringing_at, offered_at, answered_at,
                         ended_at, end_reason, wait_ms, talk_ms, duration_ms, held_at, hold_count, hold_ms,
                         transfer_count, state_changed_at, last_event_id, last_event_at, event_count, updated_at)
      SELECT u.tenant_id, u.call_id, u.state, u.outcome, u.queue, u.agent_id, u.customer_id, u.direction, u.channel,
             u.priority, u.attributes::jsonb, ARRAY(SELECT jsonb_array_elements_text(u.tags::jsonb)), u.created_at,
             u.queued_at, u.ringing_at, u.offered_at, u.answered_at, u.ended_at, u.end_reason, u.wait_ms, u.talk_ms,
             u.duration_ms, u.held_at, u.hold_count, u.hold_ms, u.transfer_count, u.state_changed_at,
             u.last_event_id, u.last_event_at, u.event_count, now()
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                  $9::text[], $10::int[], $11::text[], $12::text[], $13::timestamptz[], $14::timestamptz[],
                  $15::timestamptz[], $16::timestamptz[], $17::timestamptz[], $18::timestamptz[], $19::text[],
                  $20::bigint[], $21::bigint[], $22::bigint[], $23::timestamptz[], $24::int[], $25::bigint[],
                  $26::int[], $27::timestamptz[], $28::uuid[], $29::timestamptz[], $30::int[])
           AS u(tenant_id, call_id, state, outcome, queue, agent_id, customer_id, direction, channel, priority,
                attributes, tags, created_at, queued_at, ringing_at, offered_at, answered_at, ended_at, end_reason,
                wait_ms, talk_ms, duration_ms, held_at, hold_count, hold_ms, transfer_count, state_changed_at,
                last_event_id, last_event_at, event_count)
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

  /** Logs the events (distinct ids) and returns the ids of those not logged before. */
  Flux<UUID> log(List<LoggedEvent> events) {
    if (events.isEmpty()) {
      return Flux.empty();
    }
    int n = events.size();
    UUID[] ids = new UUID[n];
    String[] tenants = new String[n];
    String[] callIds = new String[n];
    String[] types = new String[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    String[] topics = new String[n];
    Integer[] partitions = new Integer[n];
    Long[] offsets = new Long[n];
    StringBuilder payloads = new StringBuilder(n * 512).append('[');
    String[] records = new String[n];
    Base64.Encoder base64 = Base64.getEncoder();
    for (int i = 0; i < n; i++) {
      LoggedEvent event = events.get(i);
      ids[i] = event.eventId();
      tenants[i] = event.tenantId();
      callIds[i] = event.callId();
      types[i] = event.type();
      times[i] = Statements.at(event.occurredAt());
      topics[i] = event.topic();
      partitions[i] = event.partition();
      offsets[i] = event.offset();
      payloads.append(i == 0 ? "" : ",").append(event.json());
      records[i] = base64.encodeToString(event.record());
    }
    return db.sql(INSERT_EVENTS)
        .bind(0, ids).bind(1, tenants).bind(2, callIds).bind(3, types).bind(4, times).bind(5, topics)
        .bind(6, partitions).bind(7, offsets).bind(8, payloads.append(']').toString()).bind(9, records)
        .map((row, meta) -> row.get(0, UUID.class))
        .all();
  }

  /** Every logged event of the given calls but {@code except}, decoded again from the bytes consumed. */
  Flux<CallFact> facts(Collection<CallKey> calls, Collection<UUID> except) {
    if (calls.isEmpty()) {
      return Flux.empty();
    }
    String[] tenants = calls.stream().map(CallKey::tenantId).toArray(String[]::new);
    String[] callIds = calls.stream().map(CallKey::callId).toArray(String[]::new);
    return db.sql(SELECT_EVENTS).bind(0, tenants).bind(1, callIds).bind(2, except.toArray(UUID[]::new))
        .map((row, meta) -> decoder.storedCallFact(row.get("topic", String.class), row.get("partition", Integer.class),
            row.get("record_offset", Long.class), row.get("record", byte[].class)))
        .all();
  }

  /** Inserts or replaces the calls' rows (one row per call), in one statement. */
  Mono<Void> upsert(Collection<CallRow> calls) {
    if (calls.isEmpty()) {
      return Mono.empty();
    }
    List<CallRow> rows = List.copyOf(calls);
    return db.sql(UPSERT_CALLS)
        .bind(0, Statements.column(rows, CallRow::tenantId, String[]::new))
        .bind(1, Statements.column(rows, CallRow::callId, String[]::new))
        .bind(2, Statements.column(rows, row -> row.state().name(), String[]::new))
        .bind(3, Statements.column(rows, CallRow::outcome, String[]::new))
        .bind(4, Statements.column(rows, CallRow::queue, String[]::new))
        .bind(5, Statements.column(rows, CallRow::agentId, String[]::new))
        .bind(6, Statements.column(rows, CallRow::customerId, String[]::new))
        .bind(7, Statements.column(rows, CallRow::direction, String[]::new))
        .bind(8, Statements.column(rows, CallRow::channel, String[]::new))
        .bind(9, Statements.column(rows, CallRow::priority, Integer[]::new))
        .bind(10, Statements.column(rows, row -> json.writeValueAsString(row.attributes()), String[]::new))
        .bind(11, Statements.column(rows, row -> json.writeValueAsString(row.tags()), String[]::new))
        .bind(12, Statements.column(rows, row -> Statements.at(row.createdAt()), OffsetDateTime[]::new))
        .bind(13, Statements.column(rows, row -> Statements.at(row.queuedAt()), OffsetDateTime[]::new))
        .bind(14, Statements.column(rows, row -> Statements.at(row.ringingAt()), OffsetDateTime[]::new))
        .bind(15, Statements.column(rows, row -> Statements.at(row.offeredAt()), OffsetDateTime[]::new))
        .bind(16, Statements.column(rows, row -> Statements.at(row.answeredAt()), OffsetDateTime[]::new))
        .bind(17, Statements.column(rows, row -> Statements.at(row.endedAt()), OffsetDateTime[]::new))
        .bind(18, Statements.column(rows, CallRow::endReason, String[]::new))
        .bind(19, Statements.column(rows, CallRow::waitMs, Long[]::new))
        .bind(20, Statements.column(rows, CallRow::talkMs, Long[]::new))
        .bind(21, Statements.column(rows, CallRow::durationMs, Long[]::new))
        .bind(22, Statements.column(rows, row -> Statements.at(row.heldAt()), OffsetDateTime[]::new))
        .bind(23, Statements.column(rows, row -> (Integer) row.holdCount(), Integer[]::new))
        .bind(24, Statements.column(rows, row -> (Long) row.holdMs(), Long[]::new))
        .bind(25, Statements.column(rows, row -> (Integer) row.transferCount(), Integer[]::new))
        .bind(26, Statements.column(rows, row -> Statements.at(row.stateChangedAt()), OffsetDateTime[]::new))
        .bind(27, Statements.column(rows, CallRow::lastEventId, UUID[]::new))
        .bind(28, Statements.column(rows, row -> Statements.at(row.lastEventAt()), OffsetDateTime[]::new))
        .bind(29, Statements.column(rows, row -> (Integer) row.eventCount(), Integer[]::new))
        .fetch().rowsUpdated().then();
  }
}
