package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callstate.projection.CallFold.Folded;
import io.switchboard.schemas.avro.AssignmentRefusalReason;
import io.switchboard.schemas.avro.AssignmentRefused;
import io.switchboard.schemas.avro.CallAssignmentRequested;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.call.CallState;
import io.switchboard.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A supervisor's forced assignment and its refusal, as the projection folds, logs and stores them. */
class ForcedAssignmentProjectionTest {

  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  private final Facts facts = new Facts("call-1");
  private final CallFold fold = new CallFold();

  @Test
  void aRequestAndItsRefusalAreInTheCallsHistoryAndLeaveItWaiting() {
    Folded folded = fold.fold(Facts.TENANT, "call-1", List.of(
        facts.created(T0),
        facts.queued(T0.plusMillis(100)),
        facts.routingQueued(T0.plusMillis(150), 175),
        facts.assignmentRequested(T0.plusSeconds(5), "a7"),
        facts.assignmentRefused(T0.plusSeconds(5), "a7", AssignmentRefusalReason.AGENT_AT_CAPACITY)));

    assertThat(folded.rejections()).isEmpty();
    assertThat(folded.row().state()).isEqualTo(CallState.QUEUED);
    assertThat(folded.row().agentId()).isNull();
    assertThat(folded.row().offeredAt()).isNull();
    assertThat(folded.row().eventCount()).isEqualTo(5);
  }

  @Test
  void aForcedOfferRingsTheAgentAndItsTimeoutPutsTheCallBackInTheQueue() {
    List<CallFact> ringing = List.of(
        facts.created(T0),
        facts.queued(T0.plusMillis(100)),
        facts.routingQueued(T0.plusMillis(150), 175),
        facts.assignmentRequested(T0.plusSeconds(5), "a1"),
        facts.offered(T0.plusSeconds(5), "a1"));
    CallFact timedOut = facts.timedOut(T0.plusSeconds(25), "a1");

    Folded offered = fold.fold(Facts.TENANT, "call-1", ringing);
    Folded back = fold.fold(Facts.TENANT, "call-1", concat(ringing, timedOut));

    assertThat(offered.rejections()).isEmpty();
    assertThat(offered.row().state()).isEqualTo(CallState.RINGING);
    assertThat(offered.row().agentId()).isEqualTo("a1");
    assertThat(back.rejections()).isEmpty();
    assertThat(back.row().state()).isEqualTo(CallState.QUEUED);
  }

  @Test
  void theRefusalsRowNamesTheAgentAndWhy() {
    RoutingDecision refused = new RoutingDecision(UUID.randomUUID(), "acme", T0, "routing-1", "call-1", "sales",
        "forced assignment to agent a7 refused: agent a7 is OFFLINE; nothing changed",
        new AssignmentRefused("a7", AssignmentRefusalReason.AGENT_NOT_AVAILABLE));

    DecisionRow row = DecisionRow.of(refused);

    assertThat(row.type()).isEqualTo("AssignmentRefused");
    assertThat(row.agentId()).isEqualTo("a7");
    assertThat(row.refusal()).isEqualTo("AGENT_NOT_AVAILABLE");
    assertThat(row.reason()).contains("agent a7 is OFFLINE");
    assertThat(row.queue()).isEqualTo("sales");
    assertThat(DecisionRow.of(new RoutingDecision(UUID.randomUUID(), "acme", T0, "routing-1", "call-1", "sales", null,
        new RoutingOffered("a1", "r-1", T0.plusSeconds(15), false))).refusal()).isNull();
  }

  @Test
  void bothPayloadsAreLoggedWithTheirTypeAndJson() {
    CallEvent requested = new CallEvent(UUID.randomUUID(), "acme", T0, "gateway-1", "call-1",
        new CallAssignmentRequested("a1", "sup-1"));
    RoutingDecision refused = new RoutingDecision(UUID.randomUUID(), "acme", T0, "routing-1", "call-1", "sales",
        "…", new AssignmentRefused("a1", AssignmentRefusalReason.CALL_NOT_WAITING));

    DecodedBatch batch = new RecordDecoder().decode(List.of(
        new ConsumerRecord<>(Topics.CALL_EVENTS.name(), 0, 0, "call-1",
            Topics.CALL_EVENTS.valueSerde().encode(requested)),
        new ConsumerRecord<>(Topics.ROUTING_DECISIONS.name(), 0, 0, "call-1",
            Topics.ROUTING_DECISIONS.valueSerde().encode(refused))));

    assertThat(batch.dropReasons()).isEmpty();
    assertThat(batch.callLog()).extracting(LoggedEvent::type)
        .containsExactly("CallAssignmentRequested", "AssignmentRefused");
    assertThat(batch.callLog().get(0).json()).contains("\"agentId\":\"a1\"", "\"requestedBy\":\"sup-1\"");
    assertThat(batch.callLog().get(1).json()).contains("\"reason\":\"CALL_NOT_WAITING\"");
    assertThat(batch.decisions()).singleElement()
        .satisfies(row -> assertThat(row.refusal()).isEqualTo("CALL_NOT_WAITING"));
  }

  @Test
  void aDecisionOfALaterReleaseIsSetAsideAndTheRecordsAroundItStillProject() {
    RoutingDecision refused = new RoutingDecision(UUID.randomUUID(), "acme", T0, "routing-1", "call-1", "sales",
        "…", new AssignmentRefused("a1", AssignmentRefusalReason.AGENT_UNKNOWN));

    DecodedBatch batch = new RecordDecoder().decode(List.of(
        decision(0, laterRelease()),
        decision(1, Topics.ROUTING_DECISIONS.valueSerde().encode(refused))));

    assertThat(batch.dropReasons()).containsExactly("undecodable");
    assertThat(batch.deadLetters()).singleElement().satisfies(letter -> assertThat(letter.offset()).isEqualTo(0));
    assertThat(batch.callLog()).extracting(LoggedEvent::type).containsExactly("AssignmentRefused");
  }

  /** A RoutingDecision written by a later schema with a payload this release has never heard of. */
  static byte[] laterRelease() {
    String current = RoutingDecision.getClassSchema().toString();
    int end = current.lastIndexOf("]}]}");
    Schema later = new Schema.Parser().parse(current.substring(0, end)
        + ",{\"type\":\"record\",\"name\":\"DecisionOfALaterRelease\",\"fields\":[{\"name\":\"note\",\"type\":\"string\"}]}"
        + current.substring(end));
    Schema payloadType = later.getField("payload").schema().getTypes().stream()
        .filter(type -> type.getName().equals("DecisionOfALaterRelease")).findFirst().orElseThrow();
    GenericRecord payload = new GenericData.Record(payloadType);
    payload.put("note", "something new");
    GenericRecord record = new GenericData.Record(later);
    record.put("eventId", UUID.randomUUID().toString());
    record.put("tenantId", "acme");
    record.put("occurredAt", T0.toEpochMilli());
    record.put("source", "routing-9");
    record.put("callId", "call-1");
    record.put("queue", "sales");
    record.put("reason", null);
    record.put("payload", payload);
    try {
      ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), later).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ConsumerRecord<String, byte[]> decision(long offset, byte[] value) {
    return new ConsumerRecord<>(Topics.ROUTING_DECISIONS.name(), 0, offset, "call-1", value);
  }

  private static List<CallFact> concat(List<CallFact> facts, CallFact more) {
    List<CallFact> all = new java.util.ArrayList<>(facts);
    all.add(more);
    return all;
  }
}
