package io.switchboard.gateway.sip;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.events.CompactedTopicReader;
import io.switchboard.gateway.events.SwitchboardProperties;
import io.switchboard.schemas.avro.SipNumber;
import io.switchboard.schemas.avro.SipTrunk;
import io.switchboard.schemas.topics.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/** SIP trunks and dialed numbers: this instance's copies of sip.trunks and sip.numbers for their admin API. */
@Configuration(proxyBeanMethods = false)
class SipTrunkConfiguration {

  @Bean
  SipTrunks sipTrunks() {
    return new SipTrunks();
  }

  @Bean
  SipNumbers sipNumbers() {
    return new SipNumbers();
  }

  /** The catalogue topics must exist before it looks up the partitions of sip.trunks. */
  @Bean
  @DependsOn("catalogueTopics")
  CompactedTopicReader<SipTrunk> sipTrunkReader(SwitchboardProperties properties, SipTrunks trunks,
      MeterRegistry meters) {
    return new CompactedTopicReader<>(CompactedTopicReader.config(properties, Topics.SIP_TRUNKS),
        Topics.SIP_TRUNKS, trunks, meters);
  }

  @Bean
  @DependsOn("catalogueTopics")
  CompactedTopicReader<SipNumber> sipNumberReader(SwitchboardProperties properties, SipNumbers numbers,
      MeterRegistry meters) {
    return new CompactedTopicReader<>(CompactedTopicReader.config(properties, Topics.SIP_NUMBERS),
        Topics.SIP_NUMBERS, numbers, meters);
  }
}
