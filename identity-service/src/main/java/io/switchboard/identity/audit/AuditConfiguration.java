package io.switchboard.identity.audit;

import io.switchboard.schemas.audit.AuditEvents;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit events of the admin API and their producer. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  @Bean
  AuditEvents auditEvents(Clock clock, AuditProperties properties) {
    return new AuditEvents(clock, properties.instanceId());
  }

  @Bean
  AuditPublisher auditPublisher(AuditProperties properties) {
    return new AuditPublisher(properties);
  }
}
