package io.switchboard.callstate.projection;

import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The {@code routing_decisions} table. */
final class DecisionStore {

  // A decision is also a call event: it is new to routing_decisions exactly when it is new to
  // call_events (both are written in the same transactions), which the batch knows. So the new ones
  // go in with COPY, as call_events' do, their bytes built before the transaction (CopyRows).
  private static final String COPY_DECISIONS = """
      COPY routing_decisions (event_id, tenant_id, call_id, queue, type, agent_id, reservation_id, position, priority,
                              expires_at, to_queue, refusal, reason, occurred_at)
      FROM STDIN (FORMAT binary)""";
  private static final int FIELDS = 14;

  private final DatabaseClient db;

  DecisionStore(DatabaseClient db) {
    this.db = db;
  }

  /**
   * The decisions as {@code COPY} data for {@link #insert}, null when there are none; distinct ids,
   * none stored before.
   */
  static byte[] copyData(List<DecisionRow> decisions) {
    if (decisions.isEmpty()) {
      return null;
    }
    CopyRows rows = new CopyRows(decisions.size() * 160 + 64);
    for (DecisionRow row : decisions) {
      rows.row(FIELDS).uuid(row.eventId()).text(row.tenantId()).text(row.callId()).text(row.queue()).text(row.type())
          .text(row.agentId()).text(row.reservationId()).int4OrNull(row.position()).int4OrNull(row.priority())
          .timestamptz(row.expiresAt()).text(row.toQueue()).text(row.refusal()).text(row.reason()).timestamptz(row.occurredAt());
    }
    return rows.finish();
  }

  /** Inserts the decisions of {@link #copyData}; none when {@code copyData} is null. */
  Mono<Void> insert(byte[] copyData) {
    return copyData == null ? Mono.empty() : CopyRows.copyIn(db, COPY_DECISIONS, copyData).then();
  }
}
