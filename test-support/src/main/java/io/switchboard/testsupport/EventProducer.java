package io.switchboard.testsupport;

import io.switchboard.schemas.topics.Topic;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes catalogue records to the shared broker (or another one) and waits for each acknowledgement. */
public final class EventProducer implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;

  public EventProducer() {
    this(SharedKafka.bootstrapServers());
  }

  /** To the broker at {@code bootstrapServers}, e.g. the one a standalone stack runs. */
  public EventProducer(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends one record and waits until the broker has it. */
  public <V extends SpecificRecord> RecordMetadata send(Topic<V> topic, String key, V value) {
    return sendRaw(topic.name(), key, topic.valueSerde().encode(value));
  }

  /** Sends raw bytes, e.g. a record no reader can decode. */
  public RecordMetadata sendRaw(String topic, String key, byte[] value) {
    try {
      return producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Send to " + topic + " failed", e.getCause());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
