package io.switchboard.callstate.projection;

import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The {@code dead_letters} table: records set aside, once per topic/partition/offset. */
final class DeadLetterStore {

  private static final String INSERT = """
      INSERT INTO dead_letters (topic, partition, record_offset, record_key, record_value, reason, error)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (topic, partition, record_offset) DO NOTHING""";

  private final DatabaseClient db;

  DeadLetterStore(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(List<DeadLetter> letters) {
    List<Object[]> rows = new ArrayList<>(letters.size());
    for (DeadLetter letter : letters) {
      rows.add(new Object[] {letter.topic(), letter.partition(), letter.offset(),
          Statements.orNull(DeadLetter.storable(letter.key()), String.class),
          Statements.orNull(letter.value(), byte[].class), letter.reason(),
          Statements.orNull(DeadLetter.storable(letter.error()), String.class)});
    }
    return Statements.update(db, INSERT, rows).then();
  }
}
