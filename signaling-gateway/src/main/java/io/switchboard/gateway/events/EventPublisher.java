package io.switchboard.gateway.events;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.topics.Topic;
import io.switchboard.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import reactor.core.publisher.Mono;

/** Writes events to the catalogue topics; each send completes once the broker acknowledged it. */
public interface EventPublisher {

  /**
   * Sends one record; the Mono completes on the broker's acknowledgement and fails with {@link
   * PublishException} when Kafka does not take it. Nothing is sent before subscription.
   */
  <V extends SpecificRecord> Mono<Void> publish(Topic<V> topic, String key, V value);

  default Mono<Void> call(CallEvent event) {
    return publish(Topics.CALL_EVENTS, event.getCallId(), event);
  }

  default Mono<Void> agent(AgentEvent event) {
    return publish(Topics.AGENT_EVENTS, event.getAgentId(), event);
  }

  default Mono<Void> quality(QualityEvent event) {
    return publish(Topics.QUALITY_EVENTS, event.getCallId(), event);
  }
}
