package io.switchboard.callstate.housekeeping;

import io.switchboard.callstate.projection.InstanceProperties;
import io.switchboard.callstate.projection.KafkaProperties;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Mono;

/**
 * Closes a stale call the way every other service does: by publishing its {@code CallEnded} on
 * {@code call.events} (the projection then folds it like any other end; routing forgets the call),
 * never by editing rows behind the topics' back. The event id is derived from the call and the
 * state it was stuck in, so a second sweep before the projection caught up publishes the same event,
 * which every consumer applies once.
 */
final class CallCloser implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final String source;

  CallCloser(KafkaProperties kafka, InstanceProperties instance) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, instance.instanceId() + "-housekeeping");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    source = instance.instanceId();
  }

  /** Completes when the broker acknowledged the event. */
  Mono<StaleCall.Closing> close(StaleCall.Closing closing, Instant now) {
    StaleCall call = closing.call();
    CallEvent event = new CallEvent(eventId(closing), call.tenantId(), now, source, call.callId(),
        new CallEnded(closing.outcome(), "housekeeping: " + closing.reason(), source));
    return Mono.create(sink -> producer.send(Topics.CALL_EVENTS.record(call.callId(), event), (metadata, error) -> {
      if (error != null) {
        sink.error(error);
      } else {
        sink.success(closing);
      }
    }));
  }

  static UUID eventId(StaleCall.Closing closing) {
    StaleCall call = closing.call();
    String name = "housekeeping/" + call.tenantId() + "/" + call.callId() + "/" + call.state() + "/"
        + call.stateChangedAt() + "/" + closing.outcome();
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
