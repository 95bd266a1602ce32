package io.switchboard.media.sip.trunk;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.media.kafka.CompactedTopicFollower;
import io.switchboard.media.kafka.SwitchboardProperties;
import io.switchboard.media.sip.call.InboundRoutes;
import io.switchboard.media.sip.registrar.Nonces;
import io.switchboard.media.sip.registrar.RegistrarProperties;
import io.switchboard.schemas.avro.SipNumber;
import io.switchboard.schemas.avro.SipTrunk;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * SIP trunks and numbers: this instance's copy of {@code sip.trunks} and {@code sip.numbers}, read to
 * their end before SIP listens, and the {@link InboundRoutes} and {@link OutboundTrunks} made of them.
 * Digest-trusted trunks share the registrar's nonce settings and algorithms.
 */
@Configuration(proxyBeanMethods = false)
class TrunkConfiguration {

  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

  /** The trunk topics exist once this bean does. */
  record TrunkTopicsReady() {}

  @Bean
  TrunkTopicsReady trunkTopics(SwitchboardProperties properties) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    try (Admin admin = Admin.create(config)) {
      TopicCreator.ensure(admin, List.of(Topics.SIP_TRUNKS, Topics.SIP_NUMBERS),
          new TopicSettings(properties.kafka().partitions(), (short) properties.kafka().replicationFactor(), -1));
    }
    return new TrunkTopicsReady();
  }

  @Bean
  TrunkTable trunkTable() {
    return new TrunkTable();
  }

  @Bean
  CompactedTopicFollower<SipTrunk> trunkFollower(SwitchboardProperties properties, TrunkTopicsReady ready,
      TrunkTable table, MeterRegistry meters) {
    return new CompactedTopicFollower<>(properties, Topics.SIP_TRUNKS,
        (tenantId, trunkId, record, at) -> table.applyTrunk(tenantId, trunkId,
            record == null ? null : TrunkRecords.trunk(tenantId, trunkId, record)),
        meters, LOAD_TIMEOUT);
  }

  @Bean
  CompactedTopicFollower<SipNumber> numberFollower(SwitchboardProperties properties, TrunkTopicsReady ready,
      TrunkTable table, MeterRegistry meters) {
    return new CompactedTopicFollower<>(properties, Topics.SIP_NUMBERS,
        (tenantId, number, record, at) -> table.applyNumber(tenantId, number,
            record == null ? null : TrunkRecords.number(tenantId, number, record)),
        meters, LOAD_TIMEOUT);
  }

  @Bean
  InboundRoutes trunkRoutes(TrunkTable table, RegistrarProperties registrar, HeaderFactory headers) {
    byte[] key = registrar.nonceKey() == null
        ? Nonces.randomKey()
        : registrar.nonceKey().getBytes(StandardCharsets.UTF_8);
    Nonces nonces = new Nonces(key, registrar.nonceLifetime(), Clock.systemUTC(), registrar.maxTrackedNonces());
    return new TrunkRoutes(table, nonces, registrar.algorithms(), headers);
  }

  @Bean
  OutboundTrunks outboundTrunks(TrunkTable table) {
    return new OutboundTrunks(table);
  }
}
