package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.DtmfReceived;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The {@code call_key_presses} table: one row per {@code DtmfReceived}, a key pressed on a phone
 * during a call. A key press is a call event, so it is new here exactly when it is new to its call's
 * log, which the batch knows; the insert still skips an id stored before.
 */
final class KeyPressStore {

  private static final String INSERT = """
      INSERT INTO call_key_presses (event_id, tenant_id, call_id, participant_id, digit, method, duration_ms,
                                    occurred_at)
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
                           $8::timestamptz[])
      ON CONFLICT (event_id) DO NOTHING""";

  private final DatabaseClient db;

  KeyPressStore(DatabaseClient db) {
    this.db = db;
  }

  /** The key presses among a batch's new call events. */
  static List<CallFact> keyPresses(List<LoggedEvent> newEvents) {
    return newEvents.stream().map(LoggedEvent::fact).filter(fact -> fact.payload() instanceof DtmfReceived).toList();
  }

  /** Inserts the key presses among {@code newEvents}, in one statement. */
  Mono<Void> insert(List<LoggedEvent> newEvents) {
    List<CallFact> presses = keyPresses(newEvents);
    if (presses.isEmpty()) {
      return Mono.empty();
    }
    return db.sql(INSERT)
        .bind(0, Statements.column(presses, CallFact::eventId, UUID[]::new))
        .bind(1, Statements.column(presses, CallFact::tenantId, String[]::new))
        .bind(2, Statements.column(presses, CallFact::callId, String[]::new))
        .bind(3, Statements.column(presses, f -> dtmf(f).getParticipantId(), String[]::new))
        .bind(4, Statements.column(presses, f -> dtmf(f).getDigit(), String[]::new))
        .bind(5, Statements.column(presses, f -> dtmf(f).getMethod().name(), String[]::new))
        .bind(6, Statements.column(presses, f -> dtmf(f).getDurationMs(), Integer[]::new))
        .bind(7, Statements.column(presses, f -> Statements.at(f.occurredAt()), OffsetDateTime[]::new))
        .then();
  }

  private static DtmfReceived dtmf(CallFact fact) {
    return (DtmfReceived) fact.payload();
  }
}
