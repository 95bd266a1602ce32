package io.switchboard.testsupport;

import io.switchboard.schemas.topics.Topic;
import io.switchboard.schemas.topics.TopicCreator;
import io.switchboard.schemas.topics.TopicSettings;
import io.switchboard.schemas.topics.Topics;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real KRaft broker per test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>Test classes share it: isolate them by tenant id, call id and consumer group, not by broker.
 */
public final class SharedKafka {

  private static final Logger log = LoggerFactory.getLogger(SharedKafka.class);
  private static EmbeddedKafkaKraftBroker broker;

  private SharedKafka() {}

  /** The broker's bootstrap address, starting the broker and creating the catalogue topics if needed. */
  public static synchronized String bootstrapServers() {
    if (broker == null) {
      long start = System.nanoTime();
      EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
      started.brokerProperties(Map.of(
          "transaction.state.log.replication.factor", "1",
          "transaction.state.log.min.isr", "1",
          "offsets.topic.replication.factor", "1",
          "group.initial.rebalance.delay.ms", "0",
          "auto.create.topics.enable", "false"));
      started.afterPropertiesSet();
      Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "shared-kafka-stop"));
      broker = started;
      log.info("Kafka broker up at {} in {} ms", started.getBrokersAsString(), (System.nanoTime() - start) / 1_000_000);
      createTopics(Topics.ALL);
    }
    return broker.getBrokersAsString();
  }

  /** Creates the given catalogue topics (one replica) unless they exist. */
  public static void createTopics(Collection<Topic<?>> topics) {
    try (Admin admin = admin()) {
      TopicCreator.ensure(admin, topics, new TopicSettings(0, (short) 1, -1));
    }
  }

  /** An admin client for the shared broker; close it after use. */
  public static Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return Admin.create(props);
  }
}
