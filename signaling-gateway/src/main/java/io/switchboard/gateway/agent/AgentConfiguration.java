package io.switchboard.gateway.agent;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AgentConfiguration {

  @Bean
  PausedAgents pausedAgents(EventFactory events, EventPublisher publisher) {
    return new PausedAgents(events, publisher);
  }
}
