package io.switchboard.gateway.queue;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.events.CompactedTopicReader;
import io.switchboard.gateway.events.SwitchboardProperties;
import io.switchboard.gateway.web.ServiceCredentials;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.topics.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import tools.jackson.databind.json.JsonMapper;

/** The queue admin API, its copy of queue.config and the route to the routing service's statistics. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoutingProperties.class)
class QueueConfiguration {

  @Bean
  QueueConfigs queueConfigs() {
    return new QueueConfigs();
  }

  @Bean
  QueueConfigParser queueConfigParser(JsonMapper json) {
    return new QueueConfigParser(json);
  }

  @Bean
  HttpQueueStatsClient queueStatsClient(RoutingProperties properties, ServiceCredentials credentials) {
    return new HttpQueueStatsClient(properties, credentials);
  }

  /** The catalogue topics must exist before it looks up the partitions of queue.config. */
  @Bean
  @DependsOn("catalogueTopics")
  CompactedTopicReader<QueueConfig> queueConfigReader(SwitchboardProperties properties, QueueConfigs queues,
      MeterRegistry meters) {
    return new CompactedTopicReader<>(CompactedTopicReader.config(properties, Topics.QUEUE_CONFIG),
        Topics.QUEUE_CONFIG, queues, meters);
  }
}
