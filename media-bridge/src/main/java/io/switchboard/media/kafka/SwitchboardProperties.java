package io.switchboard.media.kafka;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What every Switchboard service shares: who this instance is and where Kafka is.
 *
 * @param instanceId the {@code source} of the records this instance writes; keep it stable across
 *     restarts of one instance, since the instance that wrote an agent's SIP bindings publishes
 *     their expiry
 * @param kafka the Kafka cluster
 */
@Validated
@ConfigurationProperties("switchboard")
public record SwitchboardProperties(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9_.:-]{1,200}", message = "must match [A-Za-z0-9_.:-]{1,200}")
    String instanceId,
    @Valid @NotNull Kafka kafka) {

  /**
   * Kafka settings.
   *
   * @param bootstrapServers the brokers, {@code host:port[,host:port…]}
   * @param partitions partitions of the topics this service creates; 0 keeps each topic's default
   * @param replicationFactor replicas of the topics this service creates
   */
  public record Kafka(
      @NotBlank String bootstrapServers,
      @PositiveOrZero int partitions,
      @Min(1) @Max(Short.MAX_VALUE) int replicationFactor) {}
}
