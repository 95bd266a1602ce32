package io.switchboard.gateway.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The request body limit; the WebSocket's frame limit is set where the socket is configured. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimitsProperties.class)
class RequestLimitsConfiguration {

  @Bean
  BodyLimitFilter bodyLimitFilter(RequestLimitsProperties properties, JsonMapper json) {
    return new BodyLimitFilter(properties.maxBodySize().toBytes(), new ErrorResponses(json));
  }
}
