package io.switchboard.callstate.replay;

import io.switchboard.callstate.projection.ProjectionLoop;
import io.switchboard.callstate.projection.Projections;
import io.switchboard.callstate.replay.ReplaySchemas.MigrationSettings;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Wires replay: the rebuild schema's migrations and connections come from the service's own settings. */
@Configuration(proxyBeanMethods = false)
class ReplayConfiguration {

  @Bean
  Replay replay(ProjectionLoop projectionLoop, DatabaseClient db, ReactiveTransactionManager transactions,
      Projections projections, R2dbcProperties r2dbc, FlywayProperties flyway, ReplayProperties properties) {
    if (flyway.getUrl() == null) {
      throw new IllegalStateException("spring.flyway.url must be set: replay migrates the rebuild schema over JDBC");
    }
    MigrationSettings migrations = new MigrationSettings(flyway.getUrl(),
        flyway.getUser() != null ? flyway.getUser() : r2dbc.getUsername(),
        flyway.getPassword() != null ? flyway.getPassword() : r2dbc.getPassword(), flyway.getLocations());
    ReplaySchemas schemas = new ReplaySchemas(db, TransactionalOperator.create(transactions), migrations, properties);
    Clock clock = Clock.systemUTC();
    Supplier<RebuildTables> tables =
        () -> RebuildTables.open(r2dbc.getUrl(), r2dbc.getUsername(), r2dbc.getPassword(), properties.rebuildSchema());
    return new Replay((update, cancelled) -> new ReplayRun(projectionLoop, db, schemas, tables, projections,
        properties, clock, update, cancelled), schemas, clock);
  }
}
