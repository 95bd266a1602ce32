package io.switchboard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallWrappedUp;
import io.switchboard.schemas.call.CallEvents;
import io.switchboard.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

/** CallEvent v4: the wrap-up of an ended call with its disposition. */
class WrapUpSchemaTest {

  @Test
  void theWrapUpIsAReleasedCallEventPayload() {
    CallEvent event = new CallEvent(UUID.randomUUID(), "acme", Instant.ofEpochMilli(1_700_000_000_000L), "gateway-1",
        "call-1", new CallWrappedUp("a1", "resolved", "refund sent"));

    CallEvent copy = Topics.CALL_EVENTS.valueSerde().decode(Topics.CALL_EVENTS.valueSerde().encode(event));

    assertThat(copy).isEqualTo(event);
    List<Schema> released = ReleasedSchemas.of(CallEvent.class);
    // Released as v4; later versions keep reading it.
    assertThat(released).hasSizeGreaterThanOrEqualTo(4);
    assertThat(released.get(3).getField("payload").schema().getTypes())
        .extracting(Schema::getName).contains("CallWrappedUp");
    assertThat(SchemaHistory.problems(CallEvent.getClassSchema(), released)).isEmpty();
  }

  @Test
  void aWrapUpDoesNotMoveTheCall() {
    assertThat(CallEvents.targetState(new CallWrappedUp("a1", "resolved", null))).isEmpty();
  }
}
