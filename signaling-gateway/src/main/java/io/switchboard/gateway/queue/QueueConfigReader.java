package io.switchboard.gateway.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the whole of the compacted {@code queue.config} into {@link QueueConfigs} and follows it,
 * on a thread of its own. Every instance reads every partition without a consumer group: each needs
 * the complete view, and the topic is small.
 */
final class QueueConfigReader implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(QueueConfigReader.class);
  private static final Duration POLL = Duration.ofMillis(500);
  // The metric every consumer of the gateway counts skipped records in.
  private static final String DROPPED = "switchboard.records.dropped";

  private final Properties config;
  private final QueueConfigs queues;
  private final MeterRegistry meters;
  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile Thread thread;

  QueueConfigReader(Properties config, QueueConfigs queues, MeterRegistry meters) {
    this.config = config;
    this.queues = queues;
    this.meters = meters;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    running = true;
    thread = new Thread(this::loop, "gateway-queue-config");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    KafkaConsumer<String, byte[]> kafka = consumer;
    try {
      List<TopicPartition> partitions = kafka.partitionsFor(Topics.QUEUE_CONFIG.name()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      kafka.assign(partitions);
      kafka.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
      while (running) {
        for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
          apply(record);
        }
        if (!queues.loaded() && ends.entrySet().stream().allMatch(end -> kafka.position(end.getKey()) >= end.getValue())) {
          queues.markLoaded();
          log.info("Queue configuration loaded from {} partitions of {}", partitions.size(), Topics.QUEUE_CONFIG.name());
        }
      }
    } catch (WakeupException e) {
      // stop() woke the consumer up: the normal way out of poll().
    } catch (RuntimeException e) {
      log.error("Queue configuration reader stopped; the queue admin API serves what it had read", e);
    } finally {
      kafka.close(Duration.ofSeconds(2));
      running = false;
    }
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

  @Override
  public void stop() {
    Thread current;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      consumer.wakeup();
      current = thread;
    }
    try {
      current.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
