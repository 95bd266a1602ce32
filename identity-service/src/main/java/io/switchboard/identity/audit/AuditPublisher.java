package io.switchboard.identity.audit;

import io.switchboard.schemas.audit.AuditEvents;
import io.switchboard.schemas.avro.AuditEvent;
import io.switchboard.schemas.topics.TopicCreator;
import io.switchboard.schemas.topics.TopicSettings;
import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Writes audit events to {@code audit.events} and waits for the broker's acknowledgement, at most
 * {@link AuditProperties#auditTimeout()}: an idempotent producer with {@code acks=all}.
 *
 * <p>The topic is created at start-up; when Kafka is not there yet the issuer starts anyway (tokens
 * need no Kafka) and the creation is tried again before the next event.
 */
public class AuditPublisher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AuditPublisher.class);

  private final AuditProperties properties;
  private final KafkaProducer<String, byte[]> producer;
  private volatile boolean topicReady;

  public AuditPublisher(AuditProperties properties) {
    this.properties = properties;
    this.producer = new KafkaProducer<>(producerSettings(properties), new StringSerializer(),
        new ByteArraySerializer());
    ensureTopic();
  }

  /** Sends the event and returns once the broker has it; {@link AuditUnavailableException} otherwise. */
  public void publish(AuditEvent event) {
    if (!topicReady && !ensureTopic()) {
      throw new AuditUnavailableException(new IllegalStateException("topic " + Topics.AUDIT_EVENTS.name()
          + " could not be created"));
    }
    try {
      producer.send(AuditEvents.record(event)).get(properties.auditTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AuditUnavailableException(e.getCause());
    } catch (TimeoutException | RuntimeException e) {
      throw new AuditUnavailableException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditUnavailableException(e);
    }
  }

  private synchronized boolean ensureTopic() {
    if (topicReady) {
      return true;
    }
    AuditProperties.Kafka kafka = properties.kafka();
    try (Admin admin = Admin.create(adminSettings(properties))) {
      TopicCreator.ensure(admin, List.of(Topics.AUDIT_EVENTS),
          new TopicSettings(kafka.partitions(), (short) kafka.replicationFactor(), -1));
      topicReady = true;
    } catch (RuntimeException e) {
      log.warn("Topic {} not created yet at {}: {}", Topics.AUDIT_EVENTS.name(), kafka.bootstrapServers(),
          e.getMessage());
    }
    return topicReady;
  }

  @Override
  public void destroy() {
    producer.close(Duration.ofSeconds(5));
  }

  /** Half the bound to wait for metadata, half for delivery: a record not acknowledged by then is given up. */
  private static Properties producerSettings(AuditProperties properties) {
    String half = Long.toString(properties.auditTimeout().toMillis() / 2);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, properties.instanceId() + "-audit");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, half);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, half);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, half);
    return props;
  }

  private static Properties adminSettings(AuditProperties properties) {
    String bound = Long.toString(properties.auditTimeout().toMillis());
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, properties.instanceId() + "-topics");
    props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, bound);
    props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, bound);
    return props;
  }
}
