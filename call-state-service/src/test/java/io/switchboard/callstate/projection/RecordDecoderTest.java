package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

  private final RecordDecoder decoder = new RecordDecoder();

  @Test
  void skipsWhatCannotBeDecodedAndKeepsTheRest() {
    CallEvent queued = new CallEvent(UUID.randomUUID(), "acme", Instant.parse("2026-11-21T10:00:00Z"), "test", "c1",
        new CallQueued("sales", null));
    List<ConsumerRecord<String, byte[]>> records = List.of(
        record(3, 10, "garbage".getBytes(StandardCharsets.UTF_8)),
        record(3, 11, null),
        record(3, 12, Topics.CALL_EVENTS.valueSerde().encode(queued)));

    DecodedBatch batch = decoder.decode(records);

    assertThat(batch.dropReasons()).containsExactly("undecodable", "tombstone");
    assertThat(batch.callLog()).singleElement().satisfies(logged -> {
      assertThat(logged.eventId()).isEqualTo(queued.getEventId());
      assertThat(logged.type()).isEqualTo("CallQueued");
      assertThat(logged.offset()).isEqualTo(12);
      assertThat(logged.json()).contains("\"queue\":\"sales\"");
    });
    assertThat(batch.nextOffsets()).isEqualTo(Map.of(new TopicPartition(Topics.CALL_EVENTS.name(), 3), 13L));
  }

  @Test
  void skipsAnEventWithANulCharacterPostgresCannotStore() {
    CallEvent queued = new CallEvent(UUID.randomUUID(), "acme", Instant.now(), "test", "c1",
        new CallQueued("sa\u0000les", null));

    DecodedBatch batch = decoder.decode(List.of(record(0, 0, Topics.CALL_EVENTS.valueSerde().encode(queued))));

    assertThat(batch.callLog()).isEmpty();
    assertThat(batch.dropReasons()).containsExactly("nul-character");
    assertThat(batch.isEmpty()).isFalse();
  }

  @Test
  void setsAsideWhatItSkipsWithWhereItWasReadAndTheBytes() {
    byte[] garbage = "garbage".getBytes(StandardCharsets.UTF_8);

    DecodedBatch batch = decoder.decode(List.of(record(2, 40, garbage), record(2, 41, null)));

    assertThat(batch.deadLetters()).hasSize(2);
    DeadLetter undecodable = batch.deadLetters().get(0);
    assertThat(undecodable.topic()).isEqualTo(Topics.CALL_EVENTS.name());
    assertThat(undecodable.partition()).isEqualTo(2);
    assertThat(undecodable.offset()).isEqualTo(40);
    assertThat(undecodable.key()).isEqualTo("c1");
    assertThat(undecodable.value()).isEqualTo(garbage);
    assertThat(undecodable.reason()).isEqualTo("undecodable");
    assertThat(undecodable.error()).isNotBlank();
    assertThat(batch.deadLetters().get(1).value()).isNull();
    assertThat(batch.deadLetters().get(1).offset()).isEqualTo(41);
  }

  @Test
  void aDeadLetterKeyKeepsNoNulCharacter() {
    assertThat(DeadLetter.storable("a\u0000b".translateEscapes())).isEqualTo("a\uFFFDb".translateEscapes());
    assertThat(DeadLetter.storable(null)).isNull();
  }

  private static ConsumerRecord<String, byte[]> record(int partition, long offset, byte[] value) {
    return new ConsumerRecord<>(Topics.CALL_EVENTS.name(), partition, offset, "c1", value);
  }
}
