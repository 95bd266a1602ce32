package io.switchboard.gateway.call;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.web.ServiceCredentials;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CallStateProperties.class)
class CallConfiguration {

  @Bean
  HttpCallStateClient callStateClient(CallStateProperties properties, ServiceCredentials credentials) {
    return new HttpCallStateClient(properties, credentials);
  }

  @Bean
  RejectedCalls rejectedCalls(EventFactory events, EventPublisher publisher, CallStateClient callState) {
    return new RejectedCalls(events, publisher, callState);
  }
}
