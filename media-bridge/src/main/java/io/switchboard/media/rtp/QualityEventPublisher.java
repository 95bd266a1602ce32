package io.switchboard.media.rtp;

import io.switchboard.schemas.avro.MediaType;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.topics.Topics;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a leg's quality as a {@code QualityEvent} on {@code quality.events}, keyed by call id:
 * what a session's listener calls from {@link RelayListener#quality}. Sends are asynchronous (the
 * timer thread is never held up by Kafka); a failed send is logged. It owns its producer.
 */
public final class QualityEventPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QualityEventPublisher.class);

  private final Producer<String, byte[]> producer;
  private final String instanceId;

  public QualityEventPublisher(Producer<String, byte[]> producer, String instanceId) {
    this.producer = producer;
    this.instanceId = instanceId;
  }

  public void publish(LegQuality quality) {
    ProducerRecord<String, byte[]> record = Topics.QUALITY_EVENTS.record(quality.callId(), event(quality));
    producer.send(record, (metadata, failure) -> {
      if (failure != null) {
        log.error("Could not publish the quality of call {} leg {}", quality.callId(), quality.side(), failure);
      }
    });
  }

  @Override
  public void close() {
    producer.close();
  }

  QualityEvent event(LegQuality quality) {
    return QualityEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(quality.tenantId())
        .setOccurredAt(quality.at())
        .setSource(instanceId)
        .setCallId(quality.callId())
        .setParticipantId(quality.participantId())
        .setMediaType(MediaType.AUDIO)
        .setJitterMs(quality.jitterMs())
        .setPacketLossPercent(quality.lossPercent())
        .setRttMs(quality.pathRttMs())
        .setMos(quality.mos())
        .setBitrateKbps(quality.bitrateKbps())
        .setCodec(quality.codec())
        .build();
  }
}
