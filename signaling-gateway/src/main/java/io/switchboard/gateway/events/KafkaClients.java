package io.switchboard.gateway.events;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The client settings of the gateway, derived from {@link SwitchboardProperties}. */
final class KafkaClients {

  private KafkaClients() {}

  /** {@code purpose} keeps the client ids (and their JMX names) of several admin clients apart. */
  static Properties admin(SwitchboardProperties properties, String purpose) {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, properties.instanceId() + "-" + purpose);
    props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    return props;
  }

  static Properties producer(SwitchboardProperties properties) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, properties.instanceId() + "-producer");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // An HTTP client waits for the acknowledgement: fail within seconds rather than Kafka's 2 minutes.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
    return props;
  }

  /**
   * Every instance reads every partition from the latest offset in its own group: it pushes live
   * notifications only, so it neither shares work nor resumes old records.
   */
  static Properties consumer(SwitchboardProperties properties) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.instanceId() + "-consumer");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-" + properties.instanceId());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return props;
  }
}
