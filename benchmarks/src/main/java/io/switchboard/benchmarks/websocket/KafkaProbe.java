package io.switchboard.benchmarks.websocket;

import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A plain consumer of {@code routing.decisions} in the client's JVM, configured as the gateway's
 * ({@code read_committed}, from the end): the time from an offer's stamp to its record returned by
 * {@code poll}, the part of the gateway's push latency that is Kafka's.
 */
final class KafkaProbe implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private volatile PushLatencies latencies;

  KafkaProbe(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "websocket-benchmark-probe-" + UUID.randomUUID());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(Topics.ROUTING_DECISIONS.name()).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolved now: nothing produced from here on is missed
    thread = new Thread(this::loop, "kafka-probe");
    thread.setDaemon(true);
    thread.start();
  }

  /** Times the records of {@code latencies}' phase from now on. */
  void expect(PushLatencies latencies) {
    this.latencies = latencies;
  }

  private void loop() {
    try {
      while (true) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          long now = System.nanoTime();
          PushStamp stamp = PushStamp.parse(record.key());
          PushLatencies current = latencies;
          if (stamp != null && current != null) {
            current.record(stamp, now);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    }
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
