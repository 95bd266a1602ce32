package io.switchboard.gateway.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.events.SwitchboardProperties;
import io.switchboard.gateway.security.CallerClaims;
import io.switchboard.schemas.audit.AuditEvents;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Admin and supervisor actions onto {@code audit.events}. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  @Bean
  AuditFilter auditFilter(CallerClaims claims, Clock clock, SwitchboardProperties properties,
      EventPublisher publisher, MeterRegistry meters) {
    return new AuditFilter(AuditedRoute.ALL, claims, new AuditEvents(clock, properties.instanceId()), publisher,
        meters);
  }
}
