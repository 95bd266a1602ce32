package io.switchboard.routing.streams;

import io.switchboard.schemas.topics.TopicSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka cluster, common to every Switchboard service.
 *
 * @param bootstrapServers brokers to connect to (default localhost:9092)
 * @param partitions partitions of the topics this service creates; 0 keeps the catalogue default
 * @param replicationFactor replicas of the topics this service creates, internal ones included (default 1)
 */
@Validated
@ConfigurationProperties("switchboard.kafka")
record KafkaProperties(
    @NotBlank String bootstrapServers,
    @Min(0) int partitions,
    @Min(1) @Max(Short.MAX_VALUE) int replicationFactor) {

  TopicSettings topicSettings() {
    return new TopicSettings(partitions, (short) replicationFactor, -1);
  }
}
