package io.switchboard.callstate.projection;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The {@code consumer_offsets} table: where to resume reading, committed with the rows it produced. */
final class OffsetStore {

  // One statement per batch, the rows as arrays (see Statements); one row per partition.
  private static final String UPSERT = """
      INSERT INTO consumer_offsets (topic, partition, next_offset, updated_at)
      SELECT u.topic, u.partition, u.next_offset, now()
      FROM unnest($1::text[], $2::int[], $3::bigint[]) AS u(topic, partition, next_offset)
      ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()""";

  private final DatabaseClient db;

  OffsetStore(DatabaseClient db) {
    this.db = db;
  }

  Mono<Map<TopicPartition, Long>> load() {
    return db.sql("SELECT topic, partition, next_offset FROM consumer_offsets")
        .map((row, meta) -> Map.entry(new TopicPartition(row.get("topic", String.class),
            row.get("partition", Integer.class)), row.get("next_offset", Long.class)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  Mono<Void> save(Map<TopicPartition, Long> nextOffsets) {
    if (nextOffsets.isEmpty()) {
      return Mono.empty();
    }
    List<Map.Entry<TopicPartition, Long>> rows = List.copyOf(nextOffsets.entrySet());
    return db.sql(UPSERT)
        .bind(0, Statements.column(rows, row -> row.getKey().topic(), String[]::new))
        .bind(1, Statements.column(rows, row -> row.getKey().partition(), Integer[]::new))
        .bind(2, Statements.column(rows, Map.Entry::getValue, Long[]::new))
        .fetch().rowsUpdated().then();
  }
}
