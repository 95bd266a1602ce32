package io.switchboard.gateway.webrtc;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IceServerProperties.class)
class WebRtcConfiguration {

  @Bean
  TurnCredentials turnCredentials(IceServerProperties properties, Clock clock) {
    // Without TURN servers no credential is ever made; the key is then a placeholder.
    return new TurnCredentials(properties.hasTurn() ? properties.turnSecret() : "no-turn-servers",
        properties.turnTtl(), clock);
  }
}
