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
        row.get("duration_ms", Long.class));
  }

  private static String timestamp(Readable row, String column) {
    Instant value = row.get(column, Instant.class);
    return value == null ? null : TIMESTAMP.format(value);
  }
}
