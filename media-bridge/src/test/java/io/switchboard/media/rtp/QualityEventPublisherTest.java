package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.topics.Topics;
import java.time.Instant;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class QualityEventPublisherTest {

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final QualityEventPublisher publisher = new QualityEventPublisher(producer, "bridge-1");

  @Test
  void publishesALegsQualityKeyedByCallWithANewEventId() {
    LegQuality quality = new LegQuality("t1", "call-1", Side.B, "customer", Instant.parse("2026-12-02T10:00:00Z"),
        "PCMU", 250, 43000, 249, 42828, 1, 25.0, 12, 20.0, 30.0, 68.8, 25.0, 80.0, 3.1);

    publisher.publish(quality);
    publisher.publish(quality);

    assertThat(producer.history()).hasSize(2);
    assertThat(producer.history().get(0).topic()).isEqualTo("quality.events");
    assertThat(producer.history().get(0).key()).isEqualTo("call-1");
    QualityEvent event = Topics.QUALITY_EVENTS.valueSerde().decode(producer.history().get(0).value());
    QualityEvent second = Topics.QUALITY_EVENTS.valueSerde().decode(producer.history().get(1).value());
    assertThat(event.getEventId()).isNotNull().isNotEqualTo(second.getEventId());
    assertThat(event.getTenantId()).isEqualTo("t1");
    assertThat(event.getSource()).isEqualTo("bridge-1");
    assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    assertThat(event.getParticipantId()).isEqualTo("customer");
    assertThat(event.getMediaType()).isEqualTo(MediaType.AUDIO);
    assertThat(event.getJitterMs()).isEqualTo(20.0);
    assertThat(event.getPacketLossPercent()).isEqualTo(25.0);
    assertThat(event.getRttMs()).isEqualTo(80.0);
    assertThat(event.getMos()).isEqualTo(3.1);
    assertThat(event.getBitrateKbps()).isEqualTo(68.8);
    assertThat(event.getCodec()).isEqualTo("PCMU");
  }
}
