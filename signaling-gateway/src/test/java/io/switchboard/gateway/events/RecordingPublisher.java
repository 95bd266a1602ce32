package io.switchboard.gateway.events;

import io.switchboard.schemas.topics.Topic;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import reactor.core.publisher.Mono;

/** A publisher that keeps what it is given instead of sending it, or fails like an absent broker. */
public final class RecordingPublisher implements EventPublisher {

  /** One record as it would have been sent. */
  public record Sent(String topic, String key, SpecificRecord value) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private volatile boolean failing;

  @Override
  public <V extends SpecificRecord> Mono<Void> publish(Topic<V> topic, String key, V value) {
    return Mono.defer(() -> {
      if (failing) {
        return Mono.error(new PublishException(topic.name(), new IllegalStateException("broker down")));
      }
      // Encoding proves the event is complete and valid for its schema, as the real producer would.
      topic.valueSerde().encode(value);
      sent.add(new Sent(topic.name(), key, value));
      return Mono.empty();
    });
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  public void failing(boolean failing) {
    this.failing = failing;
  }
}
