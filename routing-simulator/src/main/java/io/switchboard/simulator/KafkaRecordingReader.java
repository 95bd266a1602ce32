package io.switchboard.simulator;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.topics.Topic;
import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code call.events} and {@code agent.events} from the beginning up to the end offsets seen
 * at start, with a plain consumer: committed data only, assigned partitions, no consumer group, so
 * that a replay changes nothing on the cluster. Records it cannot decode are logged, counted and
 * skipped.
 */
final class KafkaRecordingReader {

  private static final Logger log = LoggerFactory.getLogger(KafkaRecordingReader.class);
  private static final Duration POLL = Duration.ofMillis(500);
  /** Give up when the cluster hands out nothing for this long while records are still due. */
  private static final Duration STALLED = Duration.ofSeconds(60);

  private final String bootstrapServers;

  KafkaRecordingReader(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Reads every record of both topics into {@code recording} (which keeps its tenant's). */
  void readInto(Recording recording) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "routing-simulator-replay");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      partitions.addAll(partitions(consumer, Topics.CALL_EVENTS));
      partitions.addAll(partitions(consumer, Topics.AGENT_EVENTS));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // With read_committed these are the last stable offsets: the recording as of now.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long records = 0;
      long lastProgress = System.nanoTime();
      while (!reachedEnd(consumer, partitions, end)) {
        int polled = 0;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          polled++;
          decodeInto(recording, record);
        }
        records += polled;
        if (polled > 0) {
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > STALLED.toNanos()) {
          throw new IllegalStateException("Reading the recording from " + bootstrapServers + " stalled after "
              + records + " records");
        }
      }
      log.info("Read {} records of {} and {} from {}", records, Topics.CALL_EVENTS.name(),
          Topics.AGENT_EVENTS.name(), bootstrapServers);
    }
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, Topic<?> topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic.name());
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("Topic " + topic.name() + " not found");
    }
    return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
  }

  private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
      Map<TopicPartition, Long> end) {
    for (TopicPartition partition : partitions) {
      if (consumer.position(partition) < end.getOrDefault(partition, 0L)) {
        return false;
      }
    }
    return true;
  }

  private static void decodeInto(Recording recording, ConsumerRecord<String, byte[]> record) {
    try {
      if (Topics.CALL_EVENTS.name().equals(record.topic())) {
        CallEvent event = Topics.CALL_EVENTS.valueSerde().decode(record.value());
        if (event != null) {
          recording.add(event);
        }
      } else {
        AgentEvent event = Topics.AGENT_EVENTS.valueSerde().decode(record.value());
        if (event != null) {
          recording.add(event);
        }
      }
    } catch (SerializationException e) {
      log.warn("Skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          e.getMessage());
      recording.undecodable();
    }
  }
}
