package io.switchboard.gateway.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.schemas.topics.TopicCreator;
import io.switchboard.schemas.topics.TopicSettings;
import io.switchboard.schemas.topics.Topics;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Kafka in and out: topic creation, the producer, the consumer and their health. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SwitchboardProperties.class)
class EventsConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  EventFactory eventFactory(Clock clock, SwitchboardProperties properties) {
    return new EventFactory(clock, properties.instanceId());
  }

  /** Creates the catalogue topics before anything produces or subscribes. */
  @Bean
  CatalogueTopics catalogueTopics(SwitchboardProperties properties) {
    try (Admin admin = Admin.create(KafkaClients.admin(properties, "topics"))) {
      SwitchboardProperties.Kafka kafka = properties.kafka();
      TopicCreator.ensure(admin, Topics.ALL,
          new TopicSettings(kafka.partitions(), (short) kafka.replicationFactor(), -1));
    }
    return new CatalogueTopics();
  }

  @Bean
  KafkaEventPublisher eventPublisher(SwitchboardProperties properties, CatalogueTopics topics) {
    return new KafkaEventPublisher(properties);
  }

  @Bean
  IncomingEvents incomingEvents(SwitchboardProperties properties, List<IncomingEventHandler> handlers,
      MeterRegistry meters, Clock clock, CatalogueTopics topics) {
    return new IncomingEvents(KafkaClients.consumer(properties), new RecordDispatcher(handlers, meters), clock);
  }

  @Bean
  KafkaHealth kafkaHealthIndicator(SwitchboardProperties properties, IncomingEvents incoming) {
    return new KafkaHealth(KafkaClients.admin(properties, "health"), incoming);
  }

  @Bean
  TablesHealth tablesHealthIndicator(List<CompactedTopicReader<?>> readers) {
    return new TablesHealth(readers);
  }

  /** Marks that the topics exist; beans that use them depend on it. */
  static final class CatalogueTopics {}
}
