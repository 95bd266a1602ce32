package io.switchboard.routing.streams;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/** The running {@link KafkaStreams} of the routing service, for interactive queries of its stores. */
public interface RunningStreams {

  /** Empty until the service has started, and after it stopped. */
  Optional<KafkaStreams> kafkaStreams();
}
