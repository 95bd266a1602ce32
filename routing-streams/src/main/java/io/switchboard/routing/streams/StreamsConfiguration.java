package io.switchboard.routing.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.routing.queue.PriorityProperties;
import io.switchboard.routing.queue.ReservationProperties;
import io.switchboard.routing.queue.RoutingSettings;
import io.switchboard.routing.queue.RoutingTopology;
import io.switchboard.routing.stats.QueryProperties;
import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the routing topology to Kafka Streams, health and metrics. */
@Configuration(proxyBeanMethods = false)
class StreamsConfiguration {

  @Bean
  RoutingSettings routingSettings(InstanceProperties instance, StreamsProperties streams,
      ReservationProperties reservation, PriorityProperties priority) {
    return new RoutingSettings(instance.instanceId(), reservation.timeout(), reservation.checkInterval(),
        streams.repartitionPartitions(), priority.rules(), streams.inMemoryStores());
  }

  @Bean
  RoutingStreams routingStreams(RoutingSettings settings, KafkaProperties kafka, StreamsProperties streams,
      MeterRegistry registry, QueryProperties query, StreamsOverrides overrides) {
    Properties config = StreamsConfigs.of(kafka, streams, new DroppedRecords(registry));
    query.applyTo(config);
    overrides.applyTo(config);
    return new RoutingStreams(RoutingTopology.build(settings), config, kafka, streams.closeTimeout(), registry);
  }

  @Bean
  StreamsHealthIndicator kafkaStreamsHealthIndicator(RoutingStreams routingStreams) {
    return new StreamsHealthIndicator(routingStreams);
  }
}
