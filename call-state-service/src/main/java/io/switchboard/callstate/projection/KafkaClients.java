package io.switchboard.callstate.projection;

import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Creates the Kafka clients of the projection from the service's properties. */
final class KafkaClients {

  private final KafkaProperties kafka;
  private final InstanceProperties instance;
  private final ProjectionProperties projection;
  private final String role;

  /** {@code role} tells this instance's consumers apart in the broker's view: projection, or replay. */
  KafkaClients(KafkaProperties kafka, InstanceProperties instance, ProjectionProperties projection, String role) {
    this.kafka = kafka;
    this.instance = instance;
    this.projection = projection;
    this.role = role;
  }

  /**
   * A consumer without a group: partitions are assigned, not subscribed, and offsets live in the
   * database next to the rows they produced, never in Kafka. Values stay bytes so that one bad
   * record can be skipped instead of failing the whole poll.
   */
  Consumer<String, byte[]> consumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, instance.instanceId() + "-" + role);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, projection.maxPollRecords());
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, instance.instanceId() + "-" + role + "-admin");
    return Admin.create(props);
  }

  KafkaProperties properties() {
    return kafka;
  }
}
