package io.switchboard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.NumberTransferFailed;
import io.switchboard.schemas.avro.NumberTransferRequested;
import io.switchboard.schemas.call.CallEvents;
import io.switchboard.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

/** CallEvent v6: a transfer to a number asked for, and one that failed. */
class NumberTransferSchemaTest {

  @Test
  void bothAreReleasedCallEventPayloads() {
    for (Object payload : List.of(new NumberTransferRequested("15550100", "a1"),
        new NumberTransferFailed("15550100", 486, "Busy Here", "a1"))) {
      CallEvent event = new CallEvent(UUID.randomUUID(), "acme", Instant.ofEpochMilli(1_700_000_000_000L),
          "gateway-1", "call-1", payload);

      assertThat(Topics.CALL_EVENTS.valueSerde().decode(Topics.CALL_EVENTS.valueSerde().encode(event)))
          .isEqualTo(event);
    }
    List<Schema> released = ReleasedSchemas.of(CallEvent.class);
    assertThat(released).hasSize(6);
    assertThat(DtmfSchemaTest.payloadNames(released.get(4)))
        .doesNotContain("io.switchboard.schemas.avro.NumberTransferRequested");
    assertThat(SchemaNormalization.parsingFingerprint64(released.get(5)))
        .isEqualTo(SchemaNormalization.parsingFingerprint64(CallEvent.getClassSchema()));
    assertThat(SchemaHistory.problems(CallEvent.getClassSchema(), released)).isEmpty();
  }

  @Test
  void neitherMovesTheCall() {
    assertThat(CallEvents.targetState(new NumberTransferRequested("15550100", "a1"))).isEmpty();
    assertThat(CallEvents.targetState(new NumberTransferFailed("15550100", 408, "Request Timeout", "a1"))).isEmpty();
  }
}
