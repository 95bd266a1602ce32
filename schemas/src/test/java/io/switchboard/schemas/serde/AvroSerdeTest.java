package io.switchboard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.topics.Topic;
import io.switchboard.schemas.topics.Topics;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class AvroSerdeTest {

  static final List<Topic<?>> TOPICS = Topics.ALL;

  @ParameterizedTest
  @FieldSource("TOPICS")
  void everyPayloadOfEveryTopicSurvivesARoundTrip(Topic<?> topic) throws IOException {
    roundTripEveryBranch(topic);
  }

  private static <V extends SpecificRecord> void roundTripEveryBranch(Topic<V> topic) throws IOException {
    Schema schema = SpecificData.get().getSchema(topic.valueType());
    RandomRecords random = new RandomRecords(1);
    for (int branch = 0; branch < RandomRecords.payloadBranches(schema); branch++) {
      V original = specific(topic.valueType(), schema, random.record(schema, branch));

      byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), original);
      V copy = topic.valueSerde().deserializer().deserialize(topic.name(), bytes);

      assertThat(copy).isEqualTo(original);
    }
  }

  @Test
  void writesSingleObjectEncodingWithTheSchemaFingerprint() {
    CallEvent event = new CallEvent(UUID.randomUUID(), "acme", Instant.ofEpochMilli(1_700_000_000_000L),
        "gateway-1", "call-1", new CallCreated(CallDirection.INBOUND, CallChannel.WEBRTC, "c-1", null, null,
            "sales", Map.of("vip", "true"), List.of("urgent")));

    byte[] bytes = Topics.CALL_EVENTS.valueSerde().encode(event);

    // Avro single-object encoding: marker C3 01, then the 8-byte CRC-64-AVRO fingerprint.
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint = org.apache.avro.SchemaNormalization.parsingFingerprint64(CallEvent.getClassSchema());
    for (int i = 0; i < 8; i++) {
      assertThat(bytes[2 + i]).isEqualTo((byte) (fingerprint >>> (8 * i)));
    }
  }

  @Test
  void nullIsATombstoneBothWays() {
    assertThat(Topics.QUEUE_CONFIG.valueSerde().encode(null)).isNull();
    assertThat(Topics.QUEUE_CONFIG.valueSerde().decode(null)).isNull();
  }

  @Test
  void garbageIsASerializationErrorNamingTheType() {
    assertThatThrownBy(() -> Topics.CALL_EVENTS.valueSerde().decode(new byte[] {1, 2, 3}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("CallEvent");
  }

  @Test
  void anUnknownSchemaFingerprintIsASerializationError() {
    byte[] bytes = Topics.CALL_EVENTS.valueSerde().encode(sampleCall());
    bytes[5] ^= 0x5A;

    assertThatThrownBy(() -> Topics.CALL_EVENTS.valueSerde().decode(bytes))
        .isInstanceOf(SerializationException.class);
  }

  private static CallEvent sampleCall() {
    return new CallEvent(UUID.randomUUID(), "acme", Instant.now(), "test", "call-2",
        new io.switchboard.schemas.avro.CallEnded(io.switchboard.schemas.avro.CallOutcome.ENDED, null, null));
  }

  private static <V> V specific(Class<V> type, Schema schema, GenericRecord generic) throws IOException {
    byte[] binary = RandomRecords.binary(schema, generic);
    SpecificDatumReader<V> reader = new SpecificDatumReader<>(schema, schema, SpecificData.getForClass(type));
    return reader.read(null, DecoderFactory.get().binaryDecoder(binary, null));
  }
}
