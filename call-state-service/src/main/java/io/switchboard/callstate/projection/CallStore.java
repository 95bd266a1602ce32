package io.switchboard.callstate.projection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Wrapped;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The {@code call_events} log and the {@code calls} rows folded from it. */
final class CallStore {

  // The new events go in with COPY, in its binary form (CopyRows), built before the transaction: no
  // text for PostgreSQL to parse but the JSON. COPY has no ON CONFLICT: the batch knows which events
  // are new (each call's whole log is read or held), and an event logged before fails the batch.
  private static final String COPY_EVENTS = """
      COPY call_events (event_id, tenant_id, call_id, type, occurred_at, topic, partition, record_offset, payload,
                        record)
      FROM STDIN (FORMAT binary)""";
  private static final int EVENT_FIELDS = 10;

  // The logs of calls, and the events logged under any call with the given ids (an id is the
  // event's, whatever call it names). Two index scans: as one WHERE … OR … the planner scans the table.
  // An event can come back twice; the logs are merged by event id.
  private static final String SELECT_EVENTS = """
      SELECT topic, partition, record_offset, record FROM call_events
      WHERE (tenant_id, call_id) IN (SELECT t, c FROM unnest($1::text[], $2::text[]) AS k(t, c))
      UNION ALL
      SELECT topic, partition, record_offset, record FROM call_events WHERE event_id = ANY($3::uuid[])""";

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

  /** The new events as {@code COPY} data for {@link #log}; distinct ids, none logged before. */
  static byte[] copyData(List<LoggedEvent> events) {
    CopyRows rows = new CopyRows(events.size() * 1024 + 64);
    for (LoggedEvent event : events) {
      rows.row(EVENT_FIELDS).uuid(event.eventId()).text(event.tenantId()).text(event.callId()).text(event.type())
          .timestamptz(event.occurredAt()).text(event.topic()).int4(event.partition()).int8(event.offset())
          .text(event.json()).bytes(event.record());
    }
    return rows.finish();
  }

  /** Logs the events of {@link #copyData}; returns how many rows were written. */
  Mono<Long> log(byte[] copyData) {
    return db.inConnection(connection -> postgres(connection).copyIn(COPY_EVENTS).from(copyData).build());
  }

  private static PostgresqlConnection postgres(Connection connection) {
    Object current = connection;
    while (!(current instanceof PostgresqlConnection)) {
      if (!(current instanceof Wrapped<?> wrapped)) {
        throw new IllegalStateException("Not a PostgreSQL connection: " + connection.getClass().getName());
      }
      current = wrapped.unwrap();
    }
    return (PostgresqlConnection) current;
  }

  /**
   * Every logged event of the given calls, and every logged event with one of {@code ids} whatever its
   * call, decoded again from the bytes consumed.
   */
  Flux<CallFact> facts(Collection<CallKey> calls, Collection<UUID> ids) {
    if (calls.isEmpty()) {
      return Flux.empty();
    }
    String[] tenants = calls.stream().map(CallKey::tenantId).toArray(String[]::new);
    String[] callIds = calls.stream().map(CallKey::callId).toArray(String[]::new);
    return db.sql(SELECT_EVENTS).bind(0, tenants).bind(1, callIds).bind(2, ids.toArray(UUID[]::new))
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
