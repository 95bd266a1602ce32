package io.switchboard.identity.audit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the audit events of the admin API go: the settings every Switchboard service shares.
 *
 * @param instanceId the {@code source} of the events this instance writes
 * @param kafka the Kafka cluster of {@code audit.events}
 * @param auditTimeout how long an admin request waits for the broker's acknowledgement before it
 *     answers 503 and changes nothing (2 s to 2 min)
 */
@Validated
@ConfigurationProperties("switchboard")
public record AuditProperties(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9_.:-]{1,200}", message = "must match [A-Za-z0-9_.:-]{1,200}")
    String instanceId,
    @Valid @NotNull Kafka kafka,
    @DefaultValue("10s") Duration auditTimeout) {

  public AuditProperties {
    if (auditTimeout.compareTo(Duration.ofSeconds(2)) < 0 || auditTimeout.compareTo(Duration.ofMinutes(2)) > 0) {
      throw new IllegalArgumentException("switchboard.audit-timeout must be between 2s and 2m, not " + auditTimeout);
    }
  }

  /**
   * Kafka settings.
   *
   * @param bootstrapServers the brokers, {@code host:port[,host:port…]}
   * @param partitions partitions of {@code audit.events} when this service creates it; 0 keeps the catalogue's
   * @param replicationFactor its replicas when this service creates it
   */
  public record Kafka(
      @NotBlank String bootstrapServers,
      @PositiveOrZero int partitions,
      @Min(1) @Max(Short.MAX_VALUE) int replicationFactor) {}
}
