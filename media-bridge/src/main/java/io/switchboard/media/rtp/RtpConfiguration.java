package io.switchboard.media.rtp;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.media.kafka.SwitchboardProperties;
import io.switchboard.schemas.topics.TopicCreator;
import io.switchboard.schemas.topics.TopicSettings;
import io.switchboard.schemas.topics.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The RTP relay and the publisher of its quality reports. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RtpProperties.class, SwitchboardProperties.class})
class RtpConfiguration {

  @Bean(initMethod = "start", destroyMethod = "close")
  RtpRelay rtpRelay(RtpProperties properties, MeterRegistry meters) {
    return new RtpRelay(properties, Clock.systemUTC(), meters);
  }

  /** Its producer is its own, not a bean: the registrar takes the context's one producer bean by type. */
  @Bean(destroyMethod = "close")
  QualityEventPublisher qualityEventPublisher(SwitchboardProperties properties) {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    try (Admin client = Admin.create(admin)) {
      TopicCreator.ensure(client, List.of(Topics.QUALITY_EVENTS),
          new TopicSettings(properties.kafka().partitions(), (short) properties.kafka().replicationFactor(), -1));
    }
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, properties.instanceId() + "-rtp-quality");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    return new QualityEventPublisher(producer, properties.instanceId());
  }
}
