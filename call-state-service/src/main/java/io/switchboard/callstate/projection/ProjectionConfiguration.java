package io.switchboard.callstate.projection;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** Wires the projection of the event topics into PostgreSQL. */
@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

  @Bean
  ProjectionStatus projectionStatus() {
    return new ProjectionStatus(Clock.systemUTC());
  }

  @Bean
  ProjectionHealthIndicator projectionHealthIndicator(ProjectionStatus status) {
    return new ProjectionHealthIndicator(status);
  }

  @Bean
  Projections projections(KafkaProperties kafka, InstanceProperties instance, ProjectionProperties properties,
      JsonMapper json) {
    return new Projections(kafka, instance, properties, json);
  }

  @Bean
  ProjectionLoop projectionLoop(Projections projections, DatabaseClient db, ReactiveTransactionManager transactions,
      MeterRegistry registry, ProjectionStatus status) {
    return projections.live(db, transactions, registry, status);
  }
}
