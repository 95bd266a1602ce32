package io.switchboard.routing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class StreamsHealthIndicatorTest {

  @Test
  void streamsNotStartedAreDown() {
    RoutingStreams streams = new RoutingStreams(new Topology(), new Properties(),
        new KafkaProperties("unused:9092", 0, 1), Duration.ofSeconds(1), new SimpleMeterRegistry());

    Health health = new StreamsHealthIndicator(streams).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("state", "NOT_STARTED");
  }
}
