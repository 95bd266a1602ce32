package io.switchboard.routing.streams;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Kafka Streams (and its consumer and producer) settings the service has no property of its own
 * for, e.g. {@code session.timeout.ms}: how long a crashed instance keeps its tasks before another
 * takes them over. The processing guarantee is not among them: exactly-once is not optional.
 *
 * @param properties Kafka configuration names and values, applied over the service's own
 *     ({@code switchboard.routing.kafka-streams.properties.session.timeout.ms=6000})
 */
@ConfigurationProperties("switchboard.routing.kafka-streams")
record StreamsOverrides(Map<String, String> properties) {

  StreamsOverrides {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
    if (properties.containsKey(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)) {
      throw new IllegalArgumentException("switchboard.routing.kafka-streams.properties must not set "
          + StreamsConfig.PROCESSING_GUARANTEE_CONFIG + ": routing runs exactly-once");
    }
  }

  void applyTo(Properties streamsConfig) {
    streamsConfig.putAll(properties);
  }
}
