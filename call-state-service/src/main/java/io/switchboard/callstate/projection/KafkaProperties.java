package io.switchboard.callstate.projection;

import io.switchboard.schemas.topics.TopicSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the service reaches Kafka and creates the topics it reads.
 *
 * @param bootstrapServers Kafka brokers, {@code host:port[,host:port...]}
 * @param partitions partitions of topics this service creates; 0 keeps the catalogue default
 * @param replicationFactor replicas of topics this service creates
 */
@Validated
@ConfigurationProperties("switchboard.kafka")
public record KafkaProperties(
    @NotBlank String bootstrapServers,
    @Min(0) int partitions,
    @Min(1) @Max(Short.MAX_VALUE) int replicationFactor) {

  /** Event topics keep their whole history (DESIGN §2): retention is unlimited. */
  TopicSettings topicSettings() {
    return new TopicSettings(partitions, (short) replicationFactor, -1);
  }
}
