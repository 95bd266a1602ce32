package io.switchboard.gateway.sip;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.events.CompactedTopicReader;
import io.switchboard.gateway.events.SwitchboardProperties;
import io.switchboard.schemas.avro.SipAccount;
import io.switchboard.schemas.topics.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/** Agents' SIP accounts: the admin API and this instance's copy of sip.credentials. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SipProperties.class)
class SipConfiguration {

  @Bean
  SipAccounts sipAccounts() {
    return new SipAccounts();
  }

  /** The catalogue topics must exist before it looks up the partitions of sip.credentials. */
  @Bean
  @DependsOn("catalogueTopics")
  CompactedTopicReader<SipAccount> sipAccountReader(SwitchboardProperties properties, SipAccounts accounts,
      MeterRegistry meters) {
    return new CompactedTopicReader<>(CompactedTopicReader.config(properties, Topics.SIP_CREDENTIALS),
        Topics.SIP_CREDENTIALS, accounts, meters);
  }
}
