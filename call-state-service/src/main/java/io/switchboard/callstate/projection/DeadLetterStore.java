package io.switchboard.callstate.projection;

import java.util.Base64;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The {@code dead_letters} table: records set aside, once per topic/partition/offset. */
final class DeadLetterStore {

  // One statement per batch, the rows as arrays (see Statements); the bytes travel as base64 text.
  private static final String INSERT = """
      INSERT INTO dead_letters (topic, partition, record_offset, record_key, record_value, reason, error)
      SELECT u.topic, u.partition, u.record_offset, u.record_key, decode(u.record_value, 'base64'), u.reason, u.error
      FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])
           AS u(topic, partition, record_offset, record_key, record_value, reason, error)
      ON CONFLICT (topic, partition, record_offset) DO NOTHING""";

  private final DatabaseClient db;

  DeadLetterStore(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(List<DeadLetter> letters) {
    if (letters.isEmpty()) {
      return Mono.empty();
    }
    Base64.Encoder base64 = Base64.getEncoder();
    return db.sql(INSERT)
        .bind(0, Statements.column(letters, DeadLetter::topic, String[]::new))
        .bind(1, Statements.column(letters, DeadLetter::partition, Integer[]::new))
        .bind(2, Statements.column(letters, DeadLetter::offset, Long[]::new))
        .bind(3, Statements.column(letters, letter -> DeadLetter.storable(letter.key()), String[]::new))
        .bind(4, Statements.column(letters,
            letter -> letter.value() == null ? null : base64.encodeToString(letter.value()), String[]::new))
        .bind(5, Statements.column(letters, DeadLetter::reason, String[]::new))
        .bind(6, Statements.column(letters, letter -> DeadLetter.storable(letter.error()), String[]::new))
        .fetch().rowsUpdated().then();
  }
}
