package io.switchboard.gateway.events;

import io.switchboard.schemas.topics.Topic;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** One idempotent producer for the whole gateway, closed with the application context. */
final class KafkaEventPublisher implements EventPublisher, DisposableBean {

  private final KafkaProducer<String, byte[]> producer;

  KafkaEventPublisher(SwitchboardProperties properties) {
    this.producer = new KafkaProducer<>(
        KafkaClients.producer(properties), new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public <V extends SpecificRecord> Mono<Void> publish(Topic<V> topic, String key, V value) {
    Mono<Void> sent = Mono.create(sink -> {
      ProducerRecord<String, byte[]> record = topic.record(key, value);
      producer.send(record, (metadata, error) -> {
        if (error == null) {
          sink.success();
        } else {
          sink.error(new PublishException(topic.name(), error));
        }
      });
    });
    // send() blocks while it fetches metadata; keep that off the Netty event loop.
    return sent.subscribeOn(Schedulers.boundedElastic());
  }

  @Override
  public void destroy() {
    producer.close(Duration.ofSeconds(5));
  }
}
