package io.switchboard.gateway.signaling;

import io.switchboard.gateway.call.CallParties;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.events.SwitchboardProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** WebRTC signaling between the parties of a call, over REST and the WebSocket. */
@Configuration(proxyBeanMethods = false)
class SignalingConfiguration {

  @Bean
  Signals signals(CallParties parties, EventPublisher publisher, Clock clock, SwitchboardProperties properties) {
    return new Signals(parties, publisher, clock, properties.instanceId());
  }
}
