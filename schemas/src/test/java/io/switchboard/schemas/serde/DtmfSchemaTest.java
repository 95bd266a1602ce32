package io.switchboard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.DtmfMethod;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.call.CallEvents;
import io.switchboard.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** CallEvent v5: a key pressed on a phone during a call. */
class DtmfSchemaTest {

  @Test
  void aKeyPressIsAReleasedCallEventPayload() {
    CallEvent event = new CallEvent(UUID.randomUUID(), "acme", Instant.ofEpochMilli(1_700_000_000_000L), "media-1",
        "call-1", new DtmfReceived("customer", "5", 160, DtmfMethod.RFC4733));

    CallEvent copy = Topics.CALL_EVENTS.valueSerde().decode(Topics.CALL_EVENTS.valueSerde().encode(event));

    assertThat(copy).isEqualTo(event);
    List<Schema> released = ReleasedSchemas.of(CallEvent.class);
    assertThat(released.size()).isGreaterThanOrEqualTo(5);
    assertThat(payloadNames(released.get(3))).doesNotContain("io.switchboard.schemas.avro.DtmfReceived");
    assertThat(payloadNames(released.get(4))).contains("io.switchboard.schemas.avro.DtmfReceived");
    assertThat(SchemaHistory.problems(CallEvent.getClassSchema(), released)).isEmpty();
  }

  /** The full names of the records in a CallEvent schema's payload union. */
  static List<String> payloadNames(Schema callEvent) {
    return callEvent.getField("payload").schema().getTypes().stream().map(Schema::getFullName).toList();
  }

  @Test
  void aKeyPressDoesNotMoveTheCall() {
    assertThat(CallEvents.targetState(new DtmfReceived("a1", "#", null, DtmfMethod.SIP_INFO))).isEmpty();
  }
}
