package io.switchboard.benchmarks.callstate;

import io.switchboard.callstate.projection.Projections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The partitions the projection reads and their end offsets once everything is produced. */
final class TopicEnds {

  private TopicEnds() {}

  static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : Projections.topicNames()) {
      consumer.partitionsFor(topic)
          .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
    }
    return partitions;
  }

  /** End offsets as a read_committed consumer sees them (no transactions here, so one offset per record). */
  static Map<TopicPartition, Long> read(String bootstrap) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, 500)) {
      return Map.copyOf(consumer.endOffsets(partitions(consumer)));
    }
  }

  /** A consumer like the projection's: no group, read_committed, bytes. */
  static KafkaConsumer<String, byte[]> consumer(String bootstrap, int maxPollRecords) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  static long total(Map<TopicPartition, Long> ends) {
    return ends.values().stream().mapToLong(Long::longValue).sum();
  }
}
