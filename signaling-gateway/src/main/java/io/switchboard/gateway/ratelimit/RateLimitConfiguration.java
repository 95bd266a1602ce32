package io.switchboard.gateway.ratelimit;

import io.switchboard.gateway.security.CallerClaims;
import io.switchboard.gateway.security.SecurityConfiguration;
import io.switchboard.gateway.web.ErrorResponses;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.json.JsonMapper;

/** The REST rate limits; the WebSocket's per-session limit is applied by the socket handler. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

  @Bean
  @ConditionalOnProperty(name = "switchboard.gateway.rate-limits.enabled", havingValue = "true", matchIfMissing = true)
  RateLimitFilter rateLimitFilter(RateLimitProperties properties, Clock clock, CallerClaims claims, JsonMapper json) {
    return new RateLimitFilter(List.of(
        RateLimitFilter.Route.of("call creation", HttpMethod.POST, "/api/v1/calls", properties.calls(), clock,
            properties.maxKeys()),
        RateLimitFilter.Route.of("agent sign-in", HttpMethod.POST, "/api/v1/agents/{agentId}/sign-in",
            properties.signIn(), clock, properties.maxKeys()),
        RateLimitFilter.Route.byAddress("widget token exchange", HttpMethod.POST, SecurityConfiguration.WIDGET_TOKEN_PATH,
            properties.widgetToken().perIp(), clock, properties.maxKeys())),
        claims, new ErrorResponses(json));
  }
}
