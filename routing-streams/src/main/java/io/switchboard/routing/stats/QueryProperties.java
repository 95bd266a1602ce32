package io.switchboard.routing.stats;

import jakarta.validation.constraints.Pattern;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Interactive queries of the queue statistics.
 *
 * @param applicationServer {@code host:port} at which other instances and the gateway reach this
 *     instance's HTTP API (Kafka Streams {@code application.server}); required when several
 *     instances run, so that a query for a tenant another instance owns is told where to go. Empty
 *     (the default) means a single instance that owns every tenant.
 */
@Validated
@ConfigurationProperties("switchboard.routing.query")
public record QueryProperties(
    @Pattern(regexp = "|[^:\\s]+:[0-9]{1,5}", message = "must be host:port, or empty for a single instance")
        String applicationServer) {

  /** This instance, when an application server is configured. */
  public Optional<HostInfo> self() {
    return applicationServer == null || applicationServer.isEmpty()
        ? Optional.empty() : Optional.of(HostInfo.buildFromEndpoint(applicationServer));
  }

  /** Sets {@code application.server} in a Kafka Streams configuration, when configured. */
  public void applyTo(Properties streamsConfig) {
    self().ifPresent(host -> streamsConfig.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer));
  }
}
