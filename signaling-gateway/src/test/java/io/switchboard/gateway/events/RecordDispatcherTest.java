package io.switchboard.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordDispatcherTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<Object> handled = new ArrayList<>();
  private final RecordDispatcher dispatcher = new RecordDispatcher(List.of(new IncomingEventHandler() {
    @Override
    public void onRoutingDecision(RoutingDecision decision) {
      handled.add(decision);
    }

    @Override
    public void onCallEvent(CallEvent event) {
      if ("explode".equals(event.getCallId())) {
        throw new IllegalStateException("handler bug");
      }
      handled.add(event);
    }
  }), meters);

  private long offset;

  private ConsumerRecord<String, byte[]> record(String topic, byte[] value) {
    return new ConsumerRecord<>(topic, 0, offset++, "k1", value);
  }

  private double dropped(String reason) {
    var counter = meters.find("switchboard.records.dropped").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private static CallEvent queued(String callId) {
    return new CallEvent(UUID.randomUUID(), "acme", Instant.EPOCH, "gw", callId, new CallQueued("sales", null));
  }

  @Test
  void decodesEachTopicForItsHandler() {
    RoutingDecision offer = new RoutingDecision(UUID.randomUUID(), "acme", Instant.EPOCH, "routing", "k1", "sales",
        null, new RoutingOffered("a1", "r1", Instant.EPOCH, false));
    CallEvent event = queued("k1");
    dispatcher.dispatch(record("routing.decisions", Topics.ROUTING_DECISIONS.valueSerde().encode(offer)));
    dispatcher.dispatch(record("call.events", Topics.CALL_EVENTS.valueSerde().encode(event)));
    assertThat(handled).containsExactly(offer, event);
  }

  @Test
  void undecodableRecordsAreCountedAndSkipped() {
    dispatcher.dispatch(record("call.events", new byte[] {1, 2, 3}));
    dispatcher.dispatch(record("call.events", null));
    CallEvent after = queued("k2");
    dispatcher.dispatch(record("call.events", Topics.CALL_EVENTS.valueSerde().encode(after)));

    assertThat(dropped("undecodable")).isEqualTo(1);
    assertThat(dropped("empty")).isEqualTo(1);
    assertThat(handled).containsExactly(after);
  }

  @Test
  void aRedeliveredEventIsHandledOnce() {
    byte[] bytes = Topics.CALL_EVENTS.valueSerde().encode(queued("k1"));
    dispatcher.dispatch(record("call.events", bytes));
    dispatcher.dispatch(record("call.events", bytes));
    assertThat(handled).hasSize(1);
  }

  @Test
  void aFailingHandlerIsCountedWithoutStoppingTheConsumer() {
    dispatcher.dispatch(record("call.events", Topics.CALL_EVENTS.valueSerde().encode(queued("explode"))));
    assertThat(dropped("handler-error")).isEqualTo(1);
  }
}
