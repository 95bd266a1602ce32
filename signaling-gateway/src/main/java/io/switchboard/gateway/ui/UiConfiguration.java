package io.switchboard.gateway.ui;

import io.switchboard.gateway.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UiProperties.class)
class UiConfiguration {

  @Bean
  UiClient uiClient(UiProperties properties, SecurityProperties security) {
    return UiClient.of(properties, security.issuerUri());
  }
}
