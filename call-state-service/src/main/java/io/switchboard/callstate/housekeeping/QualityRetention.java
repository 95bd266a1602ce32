package io.switchboard.callstate.housekeeping;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Deletes quality samples older than the retention, at most {@code batchSize} per sweep so that one
 * sweep never holds a long lock; a backlog shrinks sweep by sweep. Samples are measurements, not
 * call history: they are deleted here, not closed through an event.
 */
final class QualityRetention {

  private static final String SQL = "DELETE FROM quality_samples WHERE event_id IN"
      + " (SELECT event_id FROM quality_samples WHERE occurred_at < :before ORDER BY occurred_at LIMIT :limit)";

  private final DatabaseClient db;

  QualityRetention(DatabaseClient db) {
    this.db = db;
  }

  /** The number of samples deleted. */
  Mono<Long> deleteOlderThan(Instant before, int batchSize) {
    return db.sql(SQL)
        .bind("before", before.atOffset(ZoneOffset.UTC))
        .bind("limit", batchSize)
        .fetch()
        .rowsUpdated();
  }
}
