package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.ParticipantRole;
import io.switchboard.schemas.avro.RoutingDecision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void encodesEveryEventOfASequenceAsAFreshEncoderWould() throws IOException {
    // given events of several schemas and payload types, one after the other on one thread
    Facts facts = new Facts("c-1");
    List<SpecificRecord> events = new ArrayList<>();
    for (CallFact fact : List.of(facts.created(T0), facts.queued(T0), facts.offered(T0, "a1"),
        facts.answered(T0, "a1"), facts.created(T0.plusSeconds(1)), facts.ended(T0, CallOutcome.ENDED),
        facts.offered(T0.plusSeconds(2), "a2"), facts.joined(T0, "p1", ParticipantRole.AGENT, true, false), facts.updated(T0, "p1", null, true, null))) {
      events.add(record(fact));
    }

    for (SpecificRecord event : events) {
      // then each is exactly Avro's JSON of that event alone
      assertThat(EventJson.of(event)).isEqualTo(fresh(event));
    }
  }

  @Test
  void anEventThatFailsMidwayDoesNotSpoilTheNext() throws IOException {
    // given an event whose encoding fails after its first field (a required string is null)
    CallEvent broken = new CallEvent(UUID.randomUUID(), null, T0, "test", "c-1", new CallQueued("sales", null));
    CallEvent fine = new CallEvent(UUID.randomUUID(), "acme", T0, "test", "c-1", new CallQueued("sales", null));
    EventJson.of(fine);

    assertThatThrownBy(() -> EventJson.of(broken)).isInstanceOf(RuntimeException.class);

    // then the next event of the same schema is encoded correctly
    assertThat(EventJson.of(fine)).isEqualTo(fresh(fine));
  }

  private static SpecificRecord record(CallFact fact) {
    if (fact.queue() != null) {
      return new RoutingDecision(fact.eventId(), fact.tenantId(), fact.occurredAt(), "test", fact.callId(),
          fact.queue(), null, fact.payload());
    }
    return new CallEvent(fact.eventId(), fact.tenantId(), fact.occurredAt(), "test", fact.callId(), fact.payload());
  }

  /** Avro's JSON of one record with an encoder of its own. */
  private static String fresh(SpecificRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonEncoder encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), out);
    new SpecificDatumWriter<SpecificRecord>(record.getSchema(), SpecificData.getForClass(record.getClass()))
        .write(record, encoder);
    encoder.flush();
    return out.toString(StandardCharsets.UTF_8);
  }
}
