package io.switchboard.callstate.projection;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
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
  ProjectionLoop projectionLoop(KafkaProperties kafka, InstanceProperties instance, ProjectionProperties properties,
      DatabaseClient db, ReactiveTransactionManager transactions, JsonMapper json, MeterRegistry registry,
      ProjectionStatus status) {
    RecordDecoder decoder = new RecordDecoder();
    OffsetStore offsets = new OffsetStore(db);
    BatchWriter writer = new BatchWriter(new CallStore(db, json, decoder), new AgentStore(db, json),
        new DecisionStore(db), offsets, new WrapUps(db), new DeadLetterStore(db), new QualityStore(db),
        new ParticipantStore(db), new QueueStatsStore(db, json), TransactionalOperator.create(transactions),
        new CallFactCache(CallFactCache.DEFAULT_MAX_FACTS));
    return new ProjectionLoop(new KafkaClients(kafka, instance, properties), decoder, writer, offsets,
        new ProjectionMetrics(registry), status, properties);
  }
}
