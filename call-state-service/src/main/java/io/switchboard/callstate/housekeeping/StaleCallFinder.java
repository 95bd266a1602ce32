package io.switchboard.callstate.housekeeping;

import io.switchboard.callstate.query.OpenCalls;
import io.switchboard.schemas.call.CallState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/** Finds, with one query across tenants, the open calls that a housekeeping rule may close now. */
final class StaleCallFinder {

  // Open calls only, said as the partial index of open calls says it (OpenCalls), so the query reads
  // that index and not the history.
  private static final String SQL = "SELECT tenant_id, call_id, state, state_changed_at, created_at FROM calls"
      + " WHERE " + OpenCalls.PREDICATE
      + " AND ((state = 'RINGING' AND state_changed_at <= :ringingBefore)"
      + " OR (state = 'CONNECTING' AND state_changed_at <= :connectingBefore)"
      + " OR created_at <= :createdBefore)"
      + " ORDER BY created_at LIMIT :limit";

  private final DatabaseClient db;

  StaleCallFinder(DatabaseClient db) {
    this.db = db;
  }

  Flux<StaleCall> find(Instant now, HousekeepingProperties rules) {
    return db.sql(SQL)
        .bind("ringingBefore", at(now.minus(rules.ringingTimeout())))
        .bind("connectingBefore", at(now.minus(rules.connectingTimeout())))
        .bind("createdBefore", at(now.minus(rules.maxCallDuration())))
        .bind("limit", rules.batchSize())
        .map((row, meta) -> new StaleCall(row.get("tenant_id", String.class), row.get("call_id", String.class),
            CallState.valueOf(row.get("state", String.class)), instant(row.get("state_changed_at", OffsetDateTime.class)),
            instant(row.get("created_at", OffsetDateTime.class))))
        .all();
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
