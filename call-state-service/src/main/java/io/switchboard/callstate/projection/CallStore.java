package io.switchboard.callstate.projection;

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
  // One statement per batch, the rows as arrays, each bound as the text of an array literal built
  // while the batch is prepared (TextArray); attributes and tags travel as JSON.
  private static final String UPSERT_CALLS = """
      INSERT INTO calls (tenant_id, call_id, state, outcome, queue, agent_id, customer_id, direction, channel,
                         priority, attributes, tags, created_at, queued_at, ringing_at, offered_at, answered_at,
                         ended_at, end_reason, wait_ms, talk_ms, duration_ms, held_at, hold_count, hold_ms,
                         transfer_count, state_changed_at, last_event_id, last_event_at, event_count, disposition,
                         disposition_notes, wrapped_up_at, wrapped_up_by, updated_at)
      SELECT u.tenant_id, u.call_id, u.state, u.outcome, u.queue, u.agent_id, u.customer_id, u.direction, u.channel,
             u.priority, u.attributes::jsonb, ARRAY(SELECT jsonb_array_elements_text(u.tags::jsonb)), u.created_at,
             u.queued_at, u.ringing_at, u.offered_at, u.answered_at, u.ended_at, u.end_reason, u.wait_ms, u.talk_ms,
             u.duration_ms, u.held_at, u.hold_count, u.hold_ms, u.transfer_count, u.state_changed_at,
             u.last_event_id, u.last_event_at, u.event_count, u.disposition, u.disposition_notes, u.wrapped_up_at,
             u.wrapped_up_by, now()
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                  $9::text[], $10::int[], $11::text[], $12::text[], $13::timestamptz[], $14::timestamptz[],
                  $15::timestamptz[], $16::timestamptz[], $17::timestamptz[], $18::timestamptz[], $19::text[],
                  $20::bigint[], $21::bigint[], $22::bigint[], $23::timestamptz[], $24::int[], $25::bigint[],
                  $26::int[], $27::timestamptz[], $28::uuid[], $29::timestamptz[], $30::int[], $31::text[],
                  $32::text[], $33::timestamptz[], $34::text[])
           AS u(tenant_id, call_id, state, outcome, queue, agent_id, customer_id, direction, channel, priority,
                attributes, tags, created_at, queued_at, ringing_at, offered_at, answered_at, ended_at, end_reason,
                wait_ms, talk_ms, duration_ms, held_at, hold_count, hold_ms, transfer_count, state_changed_at,
                last_event_id, last_event_at, event_count, disposition, disposition_notes, wrapped_up_at,
                wrapped_up_by)
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
        last_event_at = EXCLUDED.last_event_at, event_count = EXCLUDED.event_count,
        disposition = EXCLUDED.disposition, disposition_notes = EXCLUDED.disposition_notes,
        wrapped_up_at = EXCLUDED.wrapped_up_at, wrapped_up_by = EXCLUDED.wrapped_up_by, updated_at = now()""";

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
    return CopyRows.copyIn(db, COPY_EVENTS, copyData);
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

  /** The calls' rows (one row per call) as the parameters of {@link #upsert}; null when none. */
  String[] columns(Collection<CallRow> calls) {
    if (calls.isEmpty()) {
      return null;
    }
    List<CallRow> rows = List.copyOf(calls);
    return new String[] {
        TextArray.of(rows, CallRow::tenantId), TextArray.of(rows, CallRow::callId),
        TextArray.of(rows, row -> row.state().name()), TextArray.of(rows, CallRow::outcome),
        TextArray.of(rows, CallRow::queue), TextArray.of(rows, CallRow::agentId),
        TextArray.of(rows, CallRow::customerId), TextArray.of(rows, CallRow::direction),
        TextArray.of(rows, CallRow::channel), TextArray.of(rows, CallRow::priority),
        TextArray.of(rows, row -> json.writeValueAsString(row.attributes())),
        TextArray.of(rows, row -> json.writeValueAsString(row.tags())), TextArray.of(rows, CallRow::createdAt),
        TextArray.of(rows, CallRow::queuedAt), TextArray.of(rows, CallRow::ringingAt),
        TextArray.of(rows, CallRow::offeredAt), TextArray.of(rows, CallRow::answeredAt),
        TextArray.of(rows, CallRow::endedAt), TextArray.of(rows, CallRow::endReason),
        TextArray.of(rows, CallRow::waitMs), TextArray.of(rows, CallRow::talkMs),
        TextArray.of(rows, CallRow::durationMs), TextArray.of(rows, CallRow::heldAt),
        TextArray.of(rows, CallRow::holdCount), TextArray.of(rows, CallRow::holdMs),
        TextArray.of(rows, CallRow::transferCount), TextArray.of(rows, CallRow::stateChangedAt),
        TextArray.of(rows, CallRow::lastEventId), TextArray.of(rows, CallRow::lastEventAt),
        TextArray.of(rows, CallRow::eventCount), TextArray.of(rows, CallRow::disposition),
        TextArray.of(rows, CallRow::dispositionNotes), TextArray.of(rows, CallRow::wrappedUpAt),
        TextArray.of(rows, CallRow::wrappedUpBy)};
  }

  /** Inserts or replaces the calls' rows of {@link #columns}, in one statement; none when null. */
  Mono<Void> upsert(String[] columns) {
    if (columns == null) {
      return Mono.empty();
    }
    DatabaseClient.GenericExecuteSpec statement = db.sql(UPSERT_CALLS);
    for (int i = 0; i < columns.length; i++) {
      statement = statement.bind(i, columns[i]);
    }
    return statement.fetch().rowsUpdated().then();
  }
}
