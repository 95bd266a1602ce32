package io.switchboard.callstate.replay;

import io.switchboard.callstate.projection.Projections;
import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Reads a schema's projection tables whole, and tells whether they hold everything on the topics. */
final class Tables {

  /**
   * Columns holding when a row was written, not anything from the events: they differ between a live
   * table and its rebuild by nature.
   */
  static final List<String> WALL_CLOCK = List.of("updated_at", "recorded_at", "set_aside_at");

  private final TestDatabase database;

  Tables(TestDatabase database) {
    this.database = database;
  }

  /** Every table of {@code schema} (but Flyway's) as its rows in JSON, wall-clock columns left out, sorted. */
  Map<String, List<String>> snapshot(String schema) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    List<String> names = database.query("SELECT table_name AS name FROM information_schema.tables "
        + "WHERE table_schema = ? AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history' "
        + "ORDER BY table_name", schema).stream().map(row -> (String) row.get("name")).toList();
    String without = WALL_CLOCK.stream().map(column -> " - '" + column + "'").collect(Collectors.joining());
    for (String name : names) {
      tables.put(name, database.query("SELECT (to_jsonb(t)" + without + ")::text AS row FROM \"" + schema + "\".\""
          + name + "\" t ORDER BY 1").stream().map(row -> (String) row.get("row")).toList());
    }
    return tables;
  }

  /** Whether the live tables' stored offsets reach the end of every partition of the projection's topics. */
  boolean caughtUp() {
    Map<TopicPartition, Long> stored = database.query("SELECT topic, partition, next_offset FROM consumer_offsets")
        .stream().collect(Collectors.toMap(
            row -> new TopicPartition((String) row.get("topic"), ((Number) row.get("partition")).intValue()),
            row -> ((Number) row.get("next_offset")).longValue()));
    for (Map.Entry<TopicPartition, Long> end : ends().entrySet()) {
      if (end.getValue() > 0 && stored.getOrDefault(end.getKey(), 0L) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static Map<TopicPartition, Long> ends() {
    try (Admin admin = SharedKafka.admin()) {
      List<TopicPartition> partitions = admin.describeTopics(Projections.topicNames()).allTopicNames().get().values()
          .stream().flatMap(topic -> topic.partitions().stream()
              .map(info -> new TopicPartition(topic.name(), info.partition()))).toList();
      Map<TopicPartition, OffsetSpec> latest = partitions.stream()
          .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
      return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
          .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot read the topics' end offsets", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
