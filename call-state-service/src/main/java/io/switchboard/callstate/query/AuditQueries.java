package io.switchboard.callstate.query;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the projected audit events. */
@Component
class AuditQueries {

  private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};

  private final DatabaseClient db;
  private final JsonMapper json;

  AuditQueries(DatabaseClient db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  /** One page of the tenant's audit events, newest first, with the cursor of the next page when there is one. */
  Mono<Page<AuditView>> page(String tenantId, AuditFilter filter) {
    return sql(tenantId, filter).on(db)
        .map((row, meta) -> new Page.Row<>(new Cursor(row.get("occurred_at", Instant.class),
            row.get("event_id", UUID.class).toString()), view(row)))
        .all().collectList()
        .map(rows -> Page.of(rows, filter.limit()));
  }

  /**
   * Newest first by {@code (occurred_at, event_id)}, a keyset as the history's: a page after a cursor
   * is the same whatever arrived meanwhile. One row more than the limit tells whether a page follows.
   */
  static SqlQuery sql(String tenantId, AuditFilter filter) {
    SqlQuery query = new SqlQuery("SELECT * FROM audit_events WHERE tenant_id = ");
    query.append(query.bind(tenantId)).range("occurred_at", filter.from(), filter.to())
        .equal("actor_subject", filter.actor()).anyOf("action", filter.actions());
    if (filter.after() != null) {
      query.before("occurred_at", "event_id", filter.after().at(), filter.afterEventId());
    }
    return query.append(" ORDER BY occurred_at DESC, event_id DESC LIMIT ").append(query.bind(filter.limit() + 1));
  }

  private AuditView view(Readable row) {
    Json details = row.get("details", Json.class);
    return new AuditView(row.get("event_id", UUID.class).toString(), row.get("tenant_id", String.class),
        CallQueries.iso(row.get("occurred_at", Instant.class)), row.get("source", String.class),
        new AuditView.Actor(row.get("actor_subject", String.class),
            Arrays.asList(row.get("actor_roles", String[].class)), row.get("actor_agent_id", String.class)),
        row.get("action", String.class),
        new AuditView.Target(row.get("target_kind", String.class), row.get("target_id", String.class)),
        row.get("outcome", String.class), row.get("reason", String.class),
        details == null ? Map.of() : json.readValue(details.asString(), DETAILS),
        row.get("request_id", String.class), row.get("client_address", String.class));
  }
}
