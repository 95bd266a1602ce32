package io.switchboard.media.sip.call;

import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.topics.Topics;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;

/** Writes the B2BUA's events on {@code call.events}, keyed by call id, as every producer of that topic does. */
class CallEventPublisher {

  private final Producer<String, byte[]> producer;
  private final Clock clock;
  private final String instanceId;

  CallEventPublisher(Producer<String, byte[]> producer, Clock clock, String instanceId) {
    this.producer = producer;
    this.clock = clock;
    this.instanceId = instanceId;
  }

  /** Completes once the broker has the event. */
  CompletableFuture<Void> publish(String tenantId, String callId, Object payload) {
    CallEvent event = CallEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(tenantId)
        .setOccurredAt(clock.instant())
        .setSource(instanceId)
        .setCallId(callId)
        .setPayload(payload)
        .build();
    CompletableFuture<Void> sent = new CompletableFuture<>();
    producer.send(Topics.CALL_EVENTS.record(callId, event), (metadata, failure) -> {
      if (failure != null) {
        sent.completeExceptionally(failure);
      } else {
        sent.complete(null);
      }
    });
    return sent;
  }

  /** Sends what is buffered, then closes the producer. */
  void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
