package io.switchboard.schemas.topics;

import io.switchboard.schemas.serde.AvroSerde;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic of the catalogue: its name, key and value serdes, default partition count and cleanup
 * policy. Immutable; every service declares and reads its topics through these values.
 */
public record Topic<V extends SpecificRecord>(
    String name, AvroSerde<V> valueSerde, int partitions, Cleanup cleanup) {

  /** How the broker keeps a topic's records. */
  public enum Cleanup {
    /** Full history: the topic is a system of record and retention is unlimited unless configured. */
    KEEP_ALL,
    /** Latest value per key: configuration and snapshots. */
    COMPACT
  }

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueSerde, "valueSerde");
    Objects.requireNonNull(cleanup, "cleanup");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
    }
  }

  /** Keys are strings everywhere: callId, agentId, or tenantId/queue. */
  public Serde<String> keySerde() {
    return Serdes.String();
  }

  public Class<V> valueType() {
    return valueSerde.type();
  }

  /** A record for this topic with its value already encoded, for a {@code byte[]} producer. */
  public ProducerRecord<String, byte[]> record(String key, V value) {
    return new ProducerRecord<>(name, key, valueSerde.encode(value));
  }

  /** The broker-side definition, with the catalogue's partitions unless {@code settings} overrides. */
  public NewTopic newTopic(TopicSettings settings) {
    int count = settings.partitions() > 0 ? settings.partitions() : partitions;
    NewTopic topic = new NewTopic(name, count, settings.replicationFactor());
    return switch (cleanup) {
      case COMPACT -> topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      case KEEP_ALL -> topic.configs(Map.of(
          TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
          TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.retentionMs())));
    };
  }
}
