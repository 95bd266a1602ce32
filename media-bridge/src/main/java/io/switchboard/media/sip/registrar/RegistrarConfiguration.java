package io.switchboard.media.sip.registrar;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.media.kafka.CompactedTopicFollower;
import io.switchboard.media.kafka.SwitchboardProperties;
import io.switchboard.schemas.avro.SipAccount;
import io.switchboard.schemas.avro.SipBindings;
import io.switchboard.schemas.topics.TopicCreator;
import io.switchboard.schemas.topics.TopicSettings;
import io.switchboard.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.sip.header.HeaderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The registrar: REGISTER, its digest authentication, and its state shared through Kafka. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RegistrarProperties.class, SwitchboardProperties.class})
class RegistrarConfiguration {

  /** How long start-up waits for a topic to be read to its end before the SIP stack starts. */
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

  /** The registrar's topics exist once this bean does. */
  record TopicsReady() {}

  @Bean
  TopicsReady registrarTopics(SwitchboardProperties properties) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    try (Admin admin = Admin.create(config)) {
      TopicCreator.ensure(admin, List.of(SipTopics.CREDENTIALS, SipTopics.BINDINGS, Topics.AGENT_EVENTS),
          new TopicSettings(properties.kafka().partitions(), (short) properties.kafka().replicationFactor(), -1));
    }
    return new TopicsReady();
  }

  @Bean
  Clock registrarClock() {
    return Clock.systemUTC();
  }

  @Bean
  SipCredentials sipCredentials() {
    return new SipCredentials();
  }

  @Bean
  BindingTable bindingTable(RegistrarProperties properties) {
    return new BindingTable(properties.maxContacts());
  }

  @Bean(destroyMethod = "close")
  KafkaProducer<String, byte[]> registrarProducer(SwitchboardProperties properties, TopicsReady ready) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, properties.instanceId() + "-registrar");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  @Bean
  Registrar registrar(BindingTable table, KafkaProducer<String, byte[]> producer, Clock clock,
      SwitchboardProperties properties, SipCredentials credentials, RegistrarProperties registrar) {
    return new Registrar(table, new KafkaRegistrarEvents(producer, clock, properties.instanceId(), credentials,
        registrar.availableOnRegister()), clock, properties.instanceId());
  }

  @Bean
  BindingExpiry bindingExpiry(Registrar registrar, RegistrarProperties properties) {
    return new BindingExpiry(registrar, properties.expirySweep());
  }

  @Bean
  CompactedTopicFollower<SipAccount> credentialFollower(SwitchboardProperties properties, TopicsReady ready,
      SipCredentials credentials, MeterRegistry meters) {
    return new CompactedTopicFollower<>(properties, SipTopics.CREDENTIALS,
        (tenantId, username, account, at) -> credentials.apply(tenantId, username,
            account == null ? null : RegistrarRecords.credential(tenantId, username, account)),
        meters, LOAD_TIMEOUT);
  }

  @Bean
  CompactedTopicFollower<SipBindings> bindingFollower(SwitchboardProperties properties, TopicsReady ready,
      BindingTable table, MeterRegistry meters) {
    return new CompactedTopicFollower<>(properties, SipTopics.BINDINGS,
        (tenantId, agentId, record, at) -> table.replace(AgentBindings.key(tenantId, agentId),
            record == null ? null : RegistrarRecords.bindings(tenantId, agentId, record), at),
        meters, LOAD_TIMEOUT);
  }

  @Bean
  RegisterHandler registerHandler(HeaderFactory headers, SipCredentials credentials, Registrar registrar,
      RegistrarProperties properties, Clock clock, MeterRegistry meters) {
    byte[] key = properties.nonceKey() == null
        ? Nonces.randomKey()
        : properties.nonceKey().getBytes(StandardCharsets.UTF_8);
    Nonces nonces = new Nonces(key, properties.nonceLifetime(), clock, properties.maxTrackedNonces());
    return new RegisterHandler(headers, new AddressFactoryImpl(), credentials,
        new DigestAuthenticator(credentials, nonces, properties.algorithms()),
        new FailedAttempts(properties.failedAttemptsWarning(), 10_000), registrar, properties,
        new RegistrarMetrics(meters));
  }
}
