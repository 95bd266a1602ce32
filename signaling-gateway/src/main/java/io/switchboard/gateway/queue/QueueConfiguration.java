package io.switchboard.gateway.queue;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.events.SwitchboardProperties;
import io.switchboard.gateway.web.ServiceCredentials;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
  QueueConfigReader queueConfigReader(SwitchboardProperties properties, QueueConfigs queues, MeterRegistry meters) {
    return new QueueConfigReader(readerConfig(properties), queues, meters);
  }

  /** No group: every instance reads every partition from the beginning, and commits nothing. */
  static Properties readerConfig(SwitchboardProperties properties) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.instanceId() + "-queue-config");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return props;
  }
}
