package io.switchboard.callstate.projection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The {@code routing_decisions} table. */
final class DecisionStore {

  private static final String INSERT = """
      INSERT INTO routing_decisions (event_id, tenant_id, call_id, queue, type, agent_id, reservation_id, position,
                                     priority, expires_at, to_queue, reason, occurred_at)
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                           $8::int[], $9::int[], $10::timestamptz[], $11::text[], $12::text[], $13::timestamptz[])
      ON CONFLICT (event_id) DO NOTHING""";

  private final DatabaseClient db;

  DecisionStore(DatabaseClient db) {
    this.db = db;
  }

  /** Inserts the decisions not stored before (distinct event ids), in one statement. */
  Mono<Void> insert(List<DecisionRow> decisions) {
    if (decisions.isEmpty()) {
      return Mono.empty();
    }
    return db.sql(INSERT)
        .bind(0, Statements.column(decisions, DecisionRow::eventId, UUID[]::new))
        .bind(1, Statements.column(decisions, DecisionRow::tenantId, String[]::new))
        .bind(2, Statements.column(decisions, DecisionRow::callId, String[]::new))
        .bind(3, Statements.column(decisions, DecisionRow::queue, String[]::new))
        .bind(4, Statements.column(decisions, DecisionRow::type, String[]::new))
        .bind(5, Statements.column(decisions, DecisionRow::agentId, String[]::new))
        .bind(6, Statements.column(decisions, DecisionRow::reservationId, String[]::new))
        .bind(7, Statements.column(decisions, DecisionRow::position, Integer[]::new))
        .bind(8, Statements.column(decisions, DecisionRow::priority, Integer[]::new))
        .bind(9, Statements.column(decisions, row -> Statements.at(row.expiresAt()), OffsetDateTime[]::new))
        .bind(10, Statements.column(decisions, DecisionRow::toQueue, String[]::new))
        .bind(11, Statements.column(decisions, DecisionRow::reason, String[]::new))
        .bind(12, Statements.column(decisions, row -> Statements.at(row.occurredAt()), OffsetDateTime[]::new))
        .fetch().rowsUpdated().then();
  }
}
