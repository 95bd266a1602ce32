package io.switchboard.gateway.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.schemas.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole of a compacted topic keyed {@code tenantId/id} ({@code queue.config},
 * {@code widget.keys}) into a {@link Table} and follows it, on a thread of its own. Every instance
 * reads every partition without a consumer group: each needs the complete view, and the topic is small.
 */
public final class CompactedTopicReader<V extends SpecificRecord> extends ConsumerThread {

  private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);
  private static final Duration POLL = Duration.ofMillis(500);
  // The metric every consumer of the gateway counts skipped records in.
  private static final String DROPPED = "switchboard.records.dropped";

  /** This instance's copy of the topic, written by the reader's thread and read by requests. */
  public abstract static class Table<V> {

    private volatile boolean loaded;

    /** Applies one record: a value replaces the one of its tenant and id, a tombstone (null) removes it. */
    public abstract void apply(String tenantId, String id, V value);

    /** Whether the topic has been read up to where it ended when the reader started. */
    public boolean loaded() {
      return loaded;
    }

    /** Called by the reader once it has read up to where the topic ended at its start. */
    public void markLoaded() {
      loaded = true;
    }
  }

  private final Topic<V> topic;
  private final Table<V> table;
  private final MeterRegistry meters;

  public CompactedTopicReader(Properties config, Topic<V> topic, Table<V> table, MeterRegistry meters) {
    super(config, "gateway-" + topic.name().replace('.', '-'));
    this.topic = topic;
    this.table = table;
    this.meters = meters;
  }

  /** The topic this reader copies. */
  public String topicName() {
    return topic.name();
  }

  /** Whether the topic has been read up to where it ended when the reader started. */
  public boolean loaded() {
    return table.loaded();
  }

  /** No group: every instance reads every partition from the beginning, and commits nothing. */
  public static Properties config(SwitchboardProperties properties, Topic<?> topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.instanceId() + "-" + topic.name().replace('.', '-'));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return props;
  }

  @Override
  protected void consume(KafkaConsumer<String, byte[]> kafka) {
    List<TopicPartition> partitions = kafka.partitionsFor(topic.name()).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    kafka.assign(partitions);
    kafka.seekToBeginning(partitions);
    Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
    while (isRunning()) {
      for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
        apply(record);
      }
      if (!table.loaded() && ends.entrySet().stream().allMatch(end -> kafka.position(end.getKey()) >= end.getValue())) {
        table.markLoaded();
        log.info("Loaded {} from {} partitions", topic.name(), partitions.size());
      }
    }
  }

  @Override
  protected void failed(RuntimeException e) {
    log.error("Reader of {} stopped; the gateway serves what it had read", topic.name(), e);
  }

  /** What the reader's thread does with each record; bad keys and undecodable values are counted and skipped. */
  public void apply(ConsumerRecord<String, byte[]> record) {
    String key = record.key();
    int slash = key == null ? -1 : key.indexOf('/');
    if (slash <= 0) {
      drop(record, "bad-key");
      return;
    }
    try {
      V value = topic.valueSerde().decode(record.value());
      // The key names the tenant and id, so a tombstone (null value) is applied to it too.
      table.apply(key.substring(0, slash), key.substring(slash + 1), value);
    } catch (SerializationException e) {
      drop(record, "undecodable");
    }
  }

  private void drop(ConsumerRecord<String, byte[]> record, String reason) {
    log.warn("Dropped record {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
        record.key(), reason);
    Counter.builder(DROPPED).tag("reason", reason).register(meters).increment();
  }
}
