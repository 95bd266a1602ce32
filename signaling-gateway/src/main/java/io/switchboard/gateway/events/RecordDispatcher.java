package io.switchboard.gateway.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.SignalingMessage;
import io.switchboard.schemas.topics.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes raw records and hands them to the handlers. A record that cannot be decoded, or that a
 * handler fails on, is logged, counted in {@code switchboard.records.dropped} and skipped: one bad
 * record must never stop the notifications of every agent. Not thread-safe: one consumer thread.
 */
final class RecordDispatcher {

  static final String DROPPED = "switchboard.records.dropped";
  private static final Logger log = LoggerFactory.getLogger(RecordDispatcher.class);
  private static final int REMEMBERED_EVENT_IDS = 10_000;

  private final List<IncomingEventHandler> handlers;
  private final MeterRegistry meters;
  // Producers may retry: the last event ids seen make a redelivered event a no-op.
  private final Map<UUID, Boolean> recentEventIds = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
      return size() > REMEMBERED_EVENT_IDS;
    }
  };

  RecordDispatcher(List<IncomingEventHandler> handlers, MeterRegistry meters) {
    this.handlers = List.copyOf(handlers);
    this.meters = meters;
  }

  void dispatch(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      drop(record, "empty", "no value");
      return;
    }
    try {
      if (Topics.ROUTING_DECISIONS.name().equals(record.topic())) {
        RoutingDecision decision = Topics.ROUTING_DECISIONS.valueSerde().decode(record.value());
        if (firstSeen(decision.getEventId())) {
          handlers.forEach(handler -> handler.onRoutingDecision(decision));
        }
      } else if (Topics.CALL_EVENTS.name().equals(record.topic())) {
        CallEvent event = Topics.CALL_EVENTS.valueSerde().decode(record.value());
        if (firstSeen(event.getEventId())) {
          handlers.forEach(handler -> handler.onCallEvent(event));
        }
      } else if (Topics.SIGNALING.name().equals(record.topic())) {
        SignalingMessage message = Topics.SIGNALING.valueSerde().decode(record.value());
        // A client's retried send carries the same event id: the other party gets it once.
        if (firstSeen(message.getEventId())) {
          handlers.forEach(handler -> handler.onSignaling(message));
        }
      } else {
        drop(record, "unexpected-topic", "not subscribed to this topic");
      }
    } catch (SerializationException e) {
      drop(record, "undecodable", e.getMessage());
    } catch (RuntimeException e) {
      log.error("Handler failed on {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
      counter("handler-error").increment();
    }
  }

  private boolean firstSeen(UUID eventId) {
    return recentEventIds.put(eventId, Boolean.TRUE) == null;
  }

  private void drop(ConsumerRecord<String, byte[]> record, String reason, String detail) {
    log.warn("Dropped record {}-{}@{} (key {}): {}: {}",
        record.topic(), record.partition(), record.offset(), record.key(), reason, detail);
    counter(reason).increment();
  }

  private Counter counter(String reason) {
    return Counter.builder(DROPPED)
        .description("Records skipped because they could not be decoded or handled")
        .tag("reason", reason)
        .register(meters);
  }
}
