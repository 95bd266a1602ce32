package io.switchboard.routing.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP while the routing streams run or rebalance; DOWN otherwise, with the state in the details. */
final class StreamsHealthIndicator implements HealthIndicator {

  private final RoutingStreams streams;

  StreamsHealthIndicator(RoutingStreams streams) {
    this.streams = streams;
  }

  @Override
  public Health health() {
    return streams.state()
        .map(state -> (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
            ? Health.up() : Health.down()).withDetail("state", state.name()).build())
        .orElseGet(() -> Health.down().withDetail("state", "NOT_STARTED").build());
  }
}
