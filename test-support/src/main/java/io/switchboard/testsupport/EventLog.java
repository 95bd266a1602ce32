package io.switchboard.testsupport;

import io.switchboard.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a catalogue topic of the shared broker from the beginning, keeping every record seen, so a
 * test can wait for the record it expects. Close it after use.
 */
public final class EventLog<V extends SpecificRecord> implements AutoCloseable {

  private final Topic<V> topic;
  private final KafkaConsumer<String, V> consumer;
  private final List<ConsumerRecord<String, V>> seen = new ArrayList<>();

  private EventLog(Topic<V> topic) {
    this.topic = topic;
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), topic.valueSerde().deserializer());
    consumer.subscribe(List.of(topic.name()));
  }

  /** Starts reading {@code topic} from its beginning. */
  public static <V extends SpecificRecord> EventLog<V> of(Topic<V> topic) {
    return new EventLog<>(topic);
  }

  /**
   * Polls until a record matches, and returns its value.
   *
   * @throws AssertionError when no record matches within {@code timeout}
   */
  public V await(Predicate<V> match, Duration timeout) {
    return awaitAll(match, 1, timeout).get(0);
  }

  /** Polls until {@code count} records match and returns them in topic order per partition. */
  public List<V> awaitAll(Predicate<V> match, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<V> matching = seen.stream().map(ConsumerRecord::value).filter(v -> v != null && match.test(v)).toList();
      if (matching.size() >= count) {
        return matching;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Expected " + count + " matching records on " + topic.name() + " within "
            + timeout + ", found " + matching.size() + " among " + seen.size() + ": " + matching);
      }
      consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
    }
  }

  /** Everything read so far. */
  public List<ConsumerRecord<String, V>> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
