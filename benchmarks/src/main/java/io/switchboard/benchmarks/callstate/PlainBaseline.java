package io.switchboard.benchmarks.callstate;

import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;

/**
 * The baseline: the same topics read from the beginning by a plain consumer (assigned, no group,
 * read_committed, the same max.poll.records) and the same kinds of rows written with plain
 * multi-row INSERTs over JDBC, one transaction per poll; no offsets stored, no duplicate check, no
 * re-reading of a call's log to fold it. Runs on a thread of its own, reading until every
 * partition's position reaches its end offset.
 */
final class PlainBaseline {

  private final AtomicLong consumed = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile long callRows;

  /** Creates the service's schema on {@code database} with its own Flyway migrations. */
  static void migrate(TestDatabase database) {
    Flyway.configure().dataSource(database.jdbcUrl(), database.user(), database.password())
        .locations("classpath:db/callstate").load().migrate();
  }

  /** Reads and writes everything; returns nanoseconds from the consumer's creation to the last commit. */
  long run(TestDatabase database, String bootstrap, Map<TopicPartition, Long> ends, ProjectionOptions options)
      throws Exception {
    long start = System.nanoTime();
    Thread worker = new Thread(() -> {
      try {
        loop(database, bootstrap, ends, options);
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "plain-baseline");
    worker.start();
    long done = Progress.await("baseline", TopicEnds.total(ends), start, consumed::get, () -> {
      if (failure.get() != null) {
        throw new IllegalStateException("the baseline failed", failure.get());
      }
    }, options);
    worker.join();
    return done - start;
  }

  long callRows() {
    return callRows;
  }

  private void loop(TestDatabase database, String bootstrap, Map<TopicPartition, Long> ends,
      ProjectionOptions options) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
        database.password()); KafkaConsumer<String, byte[]> consumer = TopicEnds.consumer(bootstrap,
        options.maxPollRecords())) {
      connection.setAutoCommit(false);
      List<TopicPartition> partitions = TopicEnds.partitions(consumer);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      BaselineRows rows = new BaselineRows();
      long total = TopicEnds.total(ends);
      long read = 0;
      while (read < total) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, byte[]> record : records) {
          add(rows, record);
        }
        rows.flush(connection);
        connection.commit();
        read += records.count();
        callRows = rows.callRows();
        consumed.set(read); // after the commit, as the service's offsets are
      }
    }
  }

  private static void add(BaselineRows rows, ConsumerRecord<String, byte[]> record) {
    String topic = record.topic();
    if (topic.equals(Topics.CALL_EVENTS.name())) {
      rows.callEvent(Topics.CALL_EVENTS.valueSerde().decode(record.value()), topic, record.partition(),
          record.offset(), record.value());
    } else if (topic.equals(Topics.ROUTING_DECISIONS.name())) {
      rows.decision(Topics.ROUTING_DECISIONS.valueSerde().decode(record.value()), topic, record.partition(),
          record.offset(), record.value());
    } else if (topic.equals(Topics.AGENT_EVENTS.name())) {
      rows.agentEvent(Topics.AGENT_EVENTS.valueSerde().decode(record.value()));
    }
  }
}
