package io.switchboard.callstate.query;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the projected calls. */
@Component
class CallQueries {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};

  private final DatabaseClient db;
  private final JsonMapper json;

  CallQueries(DatabaseClient db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  /** The call of that tenant, or empty. */
  Mono<CallView> find(String tenantId, String callId) {
    return db.sql("SELECT * FROM calls WHERE tenant_id = $1 AND call_id = $2")
        .bind(0, tenantId)
        .bind(1, callId)
        .map((row, meta) -> view(row))
        .one();
  }

  /**
   * The call with its events, routing decisions, participants, key presses and quality summary (one
   * query each), or empty.
   */
  Mono<CallDetail> detail(String tenantId, String callId) {
    Mono<List<CallDetail.EventLine>> events = db.sql("SELECT type, occurred_at FROM call_events"
            + " WHERE tenant_id = $1 AND call_id = $2 ORDER BY occurred_at, topic, partition, record_offset")
        .bind(0, tenantId).bind(1, callId)
        .map((row, meta) -> new CallDetail.EventLine(row.get("type", String.class), timestamp(row, "occurred_at")))
        .all().collectList();
    Mono<List<CallDetail.DecisionLine>> decisions = db.sql("SELECT * FROM routing_decisions"
            + " WHERE tenant_id = $1 AND call_id = $2 ORDER BY occurred_at, event_id")
        .bind(0, tenantId).bind(1, callId)
        .map((row, meta) -> decision(row))
        .all().collectList();
    // Join order; a participant whose join is not known yet comes last.
    Mono<List<CallDetail.ParticipantLine>> participants = db.sql("SELECT * FROM call_participants"
            + " WHERE tenant_id = $1 AND call_id = $2 ORDER BY joined_at NULLS LAST, participant_id")
        .bind(0, tenantId).bind(1, callId)
        .map((row, meta) -> participant(row))
        .all().collectList();
    Mono<List<CallDetail.KeyPressLine>> keyPresses = db.sql("SELECT participant_id, digit, method, duration_ms,"
            + " occurred_at FROM call_key_presses WHERE tenant_id = $1 AND call_id = $2 ORDER BY occurred_at, event_id")
        .bind(0, tenantId).bind(1, callId)
        .map((row, meta) -> new CallDetail.KeyPressLine(row.get("participant_id", String.class),
            row.get("digit", String.class), row.get("method", String.class), row.get("duration_ms", Integer.class),
            timestamp(row, "occurred_at")))
        .all().collectList();
    Mono<CallDetail.Quality> quality = db.sql("SELECT count(*) AS samples, avg(mos) AS avg_mos, min(mos) AS min_mos,"
            + " avg(jitter_ms) AS avg_jitter, max(packet_loss_percent) AS max_loss, avg(rtt_ms) AS avg_rtt,"
            + " (array_agg(quality_score ORDER BY mos) FILTER (WHERE mos IS NOT NULL))[1] AS worst"
            + " FROM quality_samples WHERE tenant_id = $1 AND call_id = $2")
        .bind(0, tenantId).bind(1, callId)
        .map((row, meta) -> CallDetail.Quality.of(row.get("samples", Long.class), row.get("avg_mos", Double.class),
            row.get("min_mos", Double.class), row.get("worst", String.class), row.get("avg_jitter", Double.class),
            row.get("max_loss", Double.class), row.get("avg_rtt", Double.class)))
        .one();
    return find(tenantId, callId).flatMap(call -> Mono.zip(events, decisions, participants, keyPresses, quality)
        .map(all -> new CallDetail(call, all.getT1(), all.getT2(), all.getT3(), all.getT4(), all.getT5().orNull())));
  }

  /** One page of history, with the cursor of the next page when there is one. */
  Mono<Page<CallView>> history(String tenantId, HistoryFilter filter) {
    return HistorySql.history(tenantId, filter).on(db)
        .map((row, meta) -> new Page.Row<>(new Cursor(row.get("created_at", Instant.class),
            row.get("call_id", String.class)), view(row)))
        .all().collectList()
        .map(rows -> Page.of(rows, filter.limit()));
  }

  /** Every call the filter matches, from its cursor on, streamed (the CSV export). */
  Flux<CallView> allHistory(String tenantId, HistoryFilter filter) {
    return HistorySql.history(tenantId, filter.unlimited()).on(db).map((row, meta) -> view(row)).all();
  }

  /** Calls not in a terminal state. */
  Flux<CallView> active(String tenantId, String queue, String agent) {
    return HistorySql.active(tenantId, queue, agent).on(db).map((row, meta) -> view(row)).all();
  }

  private static CallDetail.DecisionLine decision(Readable row) {
    return new CallDetail.DecisionLine(row.get("type", String.class), row.get("queue", String.class),
        row.get("agent_id", String.class), row.get("reservation_id", String.class),
        row.get("position", Integer.class), row.get("priority", Integer.class), timestamp(row, "expires_at"),
        row.get("to_queue", String.class), row.get("refusal", String.class), row.get("reason", String.class),
        timestamp(row, "occurred_at"));
  }

  private static CallDetail.ParticipantLine participant(Readable row) {
    return new CallDetail.ParticipantLine(row.get("participant_id", String.class), row.get("role", String.class),
        row.get("display_name", String.class), timestamp(row, "joined_at"), timestamp(row, "left_at"),
        row.get("left_reason", String.class), row.get("join_count", Integer.class), row.get("audio", Boolean.class),
        row.get("video", Boolean.class), row.get("screen_share", Boolean.class), timestamp(row, "updated_at"));
  }

  private CallView view(Readable row) {
    String[] tags = row.get("tags", String[].class);
    Json attributes = row.get("attributes", Json.class);
    return new CallView(row.get("call_id", String.class), row.get("tenant_id", String.class),
        row.get("state", String.class), row.get("outcome", String.class), row.get("queue", String.class),
        row.get("agent_id", String.class), row.get("customer_id", String.class), row.get("direction", String.class),
        row.get("channel", String.class), row.get("priority", Integer.class),
        attributes == null ? Map.of() : json.readValue(attributes.asString(), ATTRIBUTES),
        tags == null ? List.of() : Arrays.asList(tags), timestamp(row, "created_at"), timestamp(row, "queued_at"),
        timestamp(row, "offered_at"), timestamp(row, "answered_at"), timestamp(row, "ended_at"),
        row.get("end_reason", String.class), row.get("wait_ms", Long.class), row.get("talk_ms", Long.class),
        row.get("duration_ms", Long.class), timestamp(row, "ringing_at"), timestamp(row, "held_at"),
        row.get("hold_count", Integer.class), row.get("hold_ms", Long.class), row.get("transfer_count", Integer.class),
        row.get("wrap_up_ms", Long.class), row.get("disposition", String.class),
        row.get("disposition_notes", String.class), timestamp(row, "wrapped_up_at"),
        row.get("wrapped_up_by", String.class));
  }

  private static String timestamp(Readable row, String column) {
    return iso(row.get(column, Instant.class));
  }

  /** ISO-8601 UTC with milliseconds, the format of every timestamp of the API; null stays null. */
  static String iso(Instant value) {
    return value == null ? null : TIMESTAMP.format(value);
  }
}
