package io.switchboard.callstate.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The {@code consumer_offsets} table: where to resume reading, committed with the rows it produced. */
final class OffsetStore {

  private static final String UPSERT = """
      INSERT INTO consumer_offsets (topic, partition, next_offset, updated_at) VALUES ($1, $2, $3, now())
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
    List<Object[]> rows = new ArrayList<>(nextOffsets.size());
    nextOffsets.forEach((partition, next) -> rows.add(new Object[] {partition.topic(), partition.partition(), next}));
    return Statements.update(db, UPSERT, rows).then();
  }
}
