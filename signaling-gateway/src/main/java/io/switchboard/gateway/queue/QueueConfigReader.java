package io.switchboard.gateway.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.events.ConsumerThread;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole of the compacted {@code queue.config} into {@link QueueConfigs} and follows it,
 * on a thread of its own. Every instance reads every partition without a consumer group: each needs
 * the complete view, and the topic is small.
 */
final class QueueConfigReader extends ConsumerThread {

  private static final Logger log = LoggerFactory.getLogger(QueueConfigReader.class);
  private static final Duration POLL = Duration.ofMillis(500);
  // The metric every consumer of the gateway counts skipped records in.
  private static final String DROPPED = "switchboard.records.dropped";

  private final QueueConfigs queues;
  private final MeterRegistry meters;

  QueueConfigReader(Properties config, QueueConfigs queues, MeterRegistry meters) {
    super(config, "gateway-queue-config");
    this.queues = queues;
    this.meters = meters;
  }

  @Override
  protected void consume(KafkaConsumer<String, byte[]> kafka) {
    List<TopicPartition> partitions = kafka.partitionsFor(Topics.QUEUE_CONFIG.name()).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    kafka.assign(partitions);
    kafka.seekToBeginning(partitions);
    Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
    while (isRunning()) {
      for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
        apply(record);
      }
      if (!queues.loaded() && ends.entrySet().stream().allMatch(end -> kafka.position(end.getKey()) >= end.getValue())) {
        queues.markLoaded();
        log.info("Queue configuration loaded from {} partitions of {}", partitions.size(), Topics.QUEUE_CONFIG.name());
      }
    }
  }

  @Override
  protected void failed(RuntimeException e) {
    log.error("Queue configuration reader stopped; the queue admin API serves what it had read", e);
  }

  void apply(ConsumerRecord<String, byte[]> record) {
    String key = record.key();
    int slash = key == null ? -1 : key.indexOf('/');
    if (slash <= 0) {
      drop(record, "bad-key");
      return;
    }
    try {
      QueueConfig config = Topics.QUEUE_CONFIG.valueSerde().decode(record.value());
      // The key names the queue, so a tombstone (null value) is applied to it too.
      queues.apply(key.substring(0, slash), key.substring(slash + 1), config);
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
