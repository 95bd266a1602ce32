package io.switchboard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AssignmentRefusalReason;
import io.switchboard.schemas.avro.AssignmentRefused;
import io.switchboard.schemas.avro.CallAssignmentRequested;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.Test;

/** CallEvent v3 and RoutingDecision v3: the forced assignment and its refusal. */
class ForcedAssignmentSchemaTest {

  @Test
  void theAssignmentRequestIsAReleasedCallEventPayload() {
    CallEvent event = new CallEvent(UUID.randomUUID(), "acme", Instant.ofEpochMilli(1_700_000_000_000L), "gateway-1",
        "call-1", new CallAssignmentRequested("a1", "sup-1"));

    CallEvent copy = Topics.CALL_EVENTS.valueSerde().decode(Topics.CALL_EVENTS.valueSerde().encode(event));

    assertThat(copy).isEqualTo(event);
    // v3 released the request; later versions keep it.
    assertThat(ReleasedSchemas.of(CallEvent.class).get(2).getField("payload").schema().getTypes())
        .anyMatch(type -> type.getName().equals("CallAssignmentRequested"));
  }

  @Test
  void theRefusalIsAReleasedRoutingDecisionPayload() {
    RoutingDecision decision = refusal(AssignmentRefusalReason.AGENT_AT_CAPACITY);

    RoutingDecision copy = Topics.ROUTING_DECISIONS.valueSerde()
        .decode(Topics.ROUTING_DECISIONS.valueSerde().encode(decision));

    assertThat(copy).isEqualTo(decision);
    assertThat(ReleasedSchemas.of(RoutingDecision.class)).hasSize(3).last()
        .satisfies(v3 -> assertThat(fingerprint(v3)).isEqualTo(fingerprint(RoutingDecision.getClassSchema())));
  }

  @Test
  void aV2ReaderSchemaCannotNameTheNewPayloadsButV2DataStillReads() {
    List<Schema> released = ReleasedSchemas.of(CallEvent.class);
    Schema v2 = released.get(1);

    assertThat(v2.getField("payload").schema().getTypes())
        .noneMatch(type -> type.getName().equals("CallAssignmentRequested"));
    assertThat(SchemaHistory.problems(CallEvent.getClassSchema(), released)).isEmpty();
    assertThat(SchemaHistory.problems(RoutingDecision.getClassSchema(), ReleasedSchemas.of(RoutingDecision.class)))
        .isEmpty();
  }

  @Test
  void aRefusalReasonALaterVersionAddsReadsAsUnknown() {
    // A later release adds a symbol; this version's reader resolves it to the enum's default.
    Schema later = new Schema.Parser().parse(RoutingDecision.getClassSchema().toString()
        .replace("\"AGENT_AT_CAPACITY\",", "\"AGENT_AT_CAPACITY\",\"AGENT_NOT_IN_TENANT_YET\","));
    GenericRecord written = new RandomRecords(3).record(later, indexOf(later, "AssignmentRefused"));
    GenericRecord payload = (GenericRecord) written.get("payload");
    Schema reasonType = payload.getSchema().getField("reason").schema();
    payload.put("reason", new GenericData.EnumSymbol(reasonType, "AGENT_NOT_IN_TENANT_YET"));
    SchemaStore.Cache store = new SchemaStore.Cache();
    store.addSchema(later);

    RoutingDecision read = AvroSerde.forType(RoutingDecision.class, store)
        .decode(RandomRecords.singleObject(later, written));

    assertThat(read.getPayload()).isInstanceOfSatisfying(AssignmentRefused.class,
        refused -> assertThat(refused.getReason()).isEqualTo(AssignmentRefusalReason.UNKNOWN));
  }

  private static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  private static int indexOf(Schema record, String payloadName) {
    List<Schema> branches = record.getField("payload").schema().getTypes();
    for (int i = 0; i < branches.size(); i++) {
      if (branches.get(i).getName().equals(payloadName)) {
        return i;
      }
    }
    throw new IllegalArgumentException(payloadName);
  }

  private static RoutingDecision refusal(AssignmentRefusalReason reason) {
    return new RoutingDecision(UUID.randomUUID(), "acme", Instant.ofEpochMilli(1_700_000_000_000L), "routing-1",
        "call-1", "sales", "agent a1 is at capacity", new AssignmentRefused("a1", reason));
  }
}
