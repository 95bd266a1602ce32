package io.switchboard.gateway.call;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CallStateProperties.class)
class CallConfiguration {

  @Bean
  HttpCallStateClient callStateClient(CallStateProperties properties) {
    return new HttpCallStateClient(properties);
  }
}
