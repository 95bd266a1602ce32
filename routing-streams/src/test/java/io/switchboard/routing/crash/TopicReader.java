package io.switchboard.routing.crash;

import io.switchboard.schemas.topics.Topic;
import io.switchboard.testsupport.SharedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic as committed now (read_committed, from the beginning to the last stable offset). */
final class TopicReader {

  private TopicReader() {}

  /** The matching values, in partition order (so each key's records in the order written). */
  static <V extends SpecificRecord> List<V> readAll(Topic<V> topic, Predicate<V> match) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Could not read " + topic.name() + " to its end within 60 s");
        }
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() != null && match.test(record.value())) {
            values.add(record.value());
          }
        }
      }
    }
    return values;
  }
}
