package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.AuditEvent;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The {@code audit_events} table: one row per {@code audit.events} record, once per event id. */
final class AuditStore {

  // One statement per batch, the rows as arrays (see Statements); roles and details travel as JSON
  // text. A repeated event id within the batch is skipped like one stored before.
  private static final String INSERT = """
      INSERT INTO audit_events (event_id, tenant_id, occurred_at, source, actor_subject, actor_roles, actor_agent_id,
                                action, target_kind, target_id, outcome, reason, details, request_id, client_address)
      SELECT u.event_id, u.tenant_id, u.occurred_at, u.source, u.actor_subject,
             ARRAY(SELECT jsonb_array_elements_text(u.actor_roles::jsonb)), u.actor_agent_id, u.action, u.target_kind,
             u.target_id, u.outcome, u.reason, u.details::jsonb, u.request_id, u.client_address
      FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[],
                  $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
           AS u(event_id, tenant_id, occurred_at, source, actor_subject, actor_roles, actor_agent_id, action,
                target_kind, target_id, outcome, reason, details, request_id, client_address)
      ON CONFLICT (event_id) DO NOTHING""";

  private final DatabaseClient db;
  private final JsonMapper json;

  AuditStore(DatabaseClient db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  /** Inserts the events not stored before; returns how many were new. */
  Mono<Integer> insert(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return Mono.just(0);
    }
    return db.sql(INSERT)
        .bind(0, Statements.column(events, AuditEvent::getEventId, UUID[]::new))
        .bind(1, Statements.column(events, AuditEvent::getTenantId, String[]::new))
        .bind(2, Statements.column(events, e -> Statements.at(e.getOccurredAt()), OffsetDateTime[]::new))
        .bind(3, Statements.column(events, AuditEvent::getSource, String[]::new))
        .bind(4, Statements.column(events, e -> e.getActor().getSubject(), String[]::new))
        .bind(5, Statements.column(events, e -> json.writeValueAsString(e.getActor().getRoles()), String[]::new))
        .bind(6, Statements.column(events, e -> e.getActor().getAgentId(), String[]::new))
        .bind(7, Statements.column(events, e -> e.getAction().name(), String[]::new))
        .bind(8, Statements.column(events, e -> e.getTarget().getKind().name(), String[]::new))
        .bind(9, Statements.column(events, e -> e.getTarget().getId(), String[]::new))
        .bind(10, Statements.column(events, e -> e.getOutcome().name(), String[]::new))
        .bind(11, Statements.column(events, AuditEvent::getReason, String[]::new))
        .bind(12, Statements.column(events, e -> json.writeValueAsString(e.getDetails()), String[]::new))
        .bind(13, Statements.column(events, AuditEvent::getRequestId, String[]::new))
        .bind(14, Statements.column(events, AuditEvent::getClientAddress, String[]::new))
        .fetch().rowsUpdated().map(Long::intValue);
  }
}
