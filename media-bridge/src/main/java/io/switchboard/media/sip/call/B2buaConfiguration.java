package io.switchboard.media.sip.call;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.media.audio.Samples;
import io.switchboard.media.audio.Tones;
import io.switchboard.media.audio.WavFile;
import io.switchboard.media.kafka.SwitchboardProperties;
import io.switchboard.media.rtp.QualityEventPublisher;
import io.switchboard.media.rtp.RtpProperties;
import io.switchboard.media.rtp.RtpRelay;
import io.switchboard.media.sip.SipEndpoints;
import io.switchboard.media.sip.registrar.BindingTable;
import io.switchboard.media.sip.registrar.SipCredentials;
import io.switchboard.media.sip.trunk.OutboundTrunks;
import io.switchboard.schemas.topics.TopicCreator;
import io.switchboard.schemas.topics.TopicSettings;
import io.switchboard.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The B2BUA: SIP callers into the queues, routing's offers to agents' phones. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({B2buaProperties.class, SwitchboardProperties.class, RtpProperties.class})
class B2buaConfiguration {

  /** Its producer is its own, not a bean: the registrar takes the context's one producer bean by type. */
  @Bean(destroyMethod = "close")
  CallEventPublisher callEventPublisher(SwitchboardProperties properties) {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    try (Admin client = Admin.create(admin)) {
      TopicCreator.ensure(client, List.of(Topics.CALL_EVENTS, Topics.ROUTING_DECISIONS),
          new TopicSettings(properties.kafka().partitions(), (short) properties.kafka().replicationFactor(), -1));
    }
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, properties.instanceId() + "-b2bua");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "1");
    return new CallEventPublisher(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
        Clock.systemUTC(), properties.instanceId());
  }

  @Bean
  B2bua b2bua(ObjectProvider<InboundRoutes> routes, RtpRelay relay, RtpProperties rtp,
      ObjectProvider<SipEndpoints> endpoints, BindingTable bindings, MessageFactory messages, HeaderFactory headers,
      CallEventPublisher events, B2buaProperties properties, SwitchboardProperties switchboard, MeterRegistry meters,
      QualityEventPublisher quality, SipCredentials credentials, ObjectProvider<OutboundTrunks> outbound) {
    Samples ringback = properties.ringback() == B2buaProperties.Ringback.ANSI
        ? Tones.northAmericanRingback()
        : Tones.europeanRingback();
    Map<String, Samples> perQueue = new HashMap<>();
    for (Map.Entry<String, Path> entry : properties.waitingAudio().entrySet()) {
      try {
        perQueue.put(entry.getKey(), WavFile.read(entry.getValue()));
      } catch (IOException e) {
        throw new UncheckedIOException("switchboard.media.sip.call.waiting-audio." + entry.getKey() + ": "
            + e.getMessage(), e);
      }
    }
    return new B2bua(routes.getIfAvailable(() -> InboundRoutes.NONE), relay, properties.mediaAddress() != null ? properties.mediaAddress() : advertised(rtp.host()),
        endpoints::getObject, bindings, new SipMessages(messages, headers, new AddressFactoryImpl()), headers, events,
        queue -> perQueue.getOrDefault(queue, ringback), Clock.systemUTC(), switchboard.instanceId(),
        new B2buaMetrics(meters), quality, credentials, properties.transferTimeout(),
        (int) properties.sessionExpires().toSeconds(), (int) properties.minSessionExpires().toSeconds(),
        tenant -> {
          OutboundTrunks trunks = outbound.getIfAvailable();
          return trunks == null ? java.util.Optional.empty() : trunks.forTenant(tenant);
        });
  }

  @Bean
  CallFeed callFeed(SwitchboardProperties properties, B2bua b2bua, MeterRegistry meters) {
    return new CallFeed(properties, b2bua, meters);
  }

  /** The RTP address written into SDP: the bound one, or this host's when bound to every interface. */
  static String advertised(String host) {
    if (!"0.0.0.0".equals(host)) {
      return host;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostAddress();
    } catch (java.net.UnknownHostException e) {
      return "127.0.0.1";
    }
  }
}
