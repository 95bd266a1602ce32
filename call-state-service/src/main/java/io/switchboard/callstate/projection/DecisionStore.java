package io.switchboard.callstate.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The {@code routing_decisions} table. */
final class DecisionStore {

  private static final String INSERT = """
      INSERT INTO routing_decisions (event_id, tenant_id, call_id, queue, type, agent_id, reservation_id, position,
                                     priority, expires_at, to_queue, reason, occurred_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      ON CONFLICT (event_id) DO NOTHING""";

  private final DatabaseClient db;

  DecisionStore(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(List<DecisionRow> decisions) {
    List<Object[]> rows = new ArrayList<>(decisions.size());
    for (DecisionRow d : decisions) {
      rows.add(new Object[] {d.eventId(), d.tenantId(), d.callId(), d.queue(), d.type(),
          Statements.orNull(d.agentId(), String.class), Statements.orNull(d.reservationId(), String.class),
          Statements.orNull(d.position(), Integer.class), Statements.orNull(d.priority(), Integer.class),
          Statements.orNull(d.expiresAt(), Instant.class), Statements.orNull(d.toQueue(), String.class),
          Statements.orNull(d.reason(), String.class), d.occurredAt()});
    }
    return Statements.update(db, INSERT, rows).then();
  }
}
