package io.switchboard.media.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.schemas.topics.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
 * Reads the whole of a compacted topic keyed {@code tenantId/id} and follows it, on a thread of its
 * own, without a consumer group: every instance needs the complete view. {@link #start()} returns
 * once the topic has been read up to where it ended (or after {@code loadTimeout}), and runs before
 * the SIP stack starts, so that the first REGISTER finds the credentials and bindings.
 */
public final class CompactedTopicFollower<V extends SpecificRecord> implements SmartLifecycle {

  /** Where the records go, on the follower's thread. */
  @FunctionalInterface
  public interface Sink<V> {
    /** A value, or null for a tombstone; {@code at} is the record's timestamp. */
    void apply(String tenantId, String id, V value, Instant at);
  }

  /** Before the SIP server, which has the default phase. */
  public static final int PHASE = DEFAULT_PHASE - 1000;

  private static final Logger log = LoggerFactory.getLogger(CompactedTopicFollower.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Properties config;
  private final Topic<V> topic;
  private final Sink<V> sink;
  private final MeterRegistry meters;
  private final Duration loadTimeout;
  private final CountDownLatch loaded = new CountDownLatch(1);
  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile Thread thread;

  public CompactedTopicFollower(
      SwitchboardProperties properties, Topic<V> topic, Sink<V> sink, MeterRegistry meters, Duration loadTimeout) {
    this.config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.instanceId() + "-" + topic.name().replace('.', '-'));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.topic = topic;
    this.sink = sink;
    this.meters = meters;
    this.loadTimeout = loadTimeout;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    running = true;
    thread = new Thread(this::loop, "media-" + topic.name().replace('.', '-'));
    thread.setDaemon(true);
    thread.start();
    try {
      if (!loaded.await(loadTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} not read to its end within {}; starting with what was read", topic.name(), loadTimeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean loaded() {
    return loaded.getCount() == 0;
  }

  private void loop() {
    KafkaConsumer<String, byte[]> kafka = consumer;
    try {
      List<TopicPartition> partitions = kafka.partitionsFor(topic.name()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      kafka.assign(partitions);
      kafka.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
      while (running) {
        for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
          apply(record);
        }
        if (!loaded() && ends.entrySet().stream().allMatch(end -> kafka.position(end.getKey()) >= end.getValue())) {
          loaded.countDown();
          log.info("Read {} from {} partitions", topic.name(), partitions.size());
        }
      }
    } catch (WakeupException e) {
      // stop() woke the consumer up: the normal way out of poll().
    } catch (RuntimeException e) {
      log.error("Reader of {} stopped; the bridge keeps what it had read", topic.name(), e);
    } finally {
      kafka.close(Duration.ofSeconds(2));
      running = false;
    }
  }

  void apply(ConsumerRecord<String, byte[]> record) {
    String key = record.key();
    int slash = key == null ? -1 : key.indexOf('/');
    if (slash <= 0 || slash == key.length() - 1) {
      drop(record, "bad-key");
      return;
    }
    V value;
    try {
      value = topic.valueSerde().decode(record.value());
    } catch (SerializationException e) {
      drop(record, "undecodable");
      return;
    }
    try {
      sink.apply(key.substring(0, slash), key.substring(slash + 1), value, Instant.ofEpochMilli(record.timestamp()));
    } catch (RuntimeException e) {
      log.warn("Record {}-{}@{} not applied: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      drop(record, "not-applicable");
    }
  }

  private void drop(ConsumerRecord<String, byte[]> record, String reason) {
    log.warn("Dropped record {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
        record.key(), reason);
    Counter.builder("switchboard.records.dropped").tag("topic", topic.name()).tag("reason", reason)
        .register(meters).increment();
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
      current.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
