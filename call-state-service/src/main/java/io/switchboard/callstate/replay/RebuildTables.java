package io.switchboard.callstate.replay;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.time.Duration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

/**
 * Connections to the same database whose search path is the rebuild schema, so that the projection's
 * statements, unchanged, write the new tables. A pool of its own: the live pool keeps serving.
 */
final class RebuildTables implements AutoCloseable {

  /** The PostgreSQL driver's option for the connection's search path. */
  private static final Option<String> CURRENT_SCHEMA = Option.valueOf("currentSchema");

  private final ConnectionPool pool;
  private final DatabaseClient db;
  private final ReactiveTransactionManager transactions;

  private RebuildTables(ConnectionPool pool) {
    this.pool = pool;
    this.db = DatabaseClient.create(pool);
    this.transactions = new R2dbcTransactionManager(pool);
  }

  /** Connections like the service's ({@code url}, user, password) but into {@code schema}. */
  static RebuildTables open(String url, String user, String password, String schema) {
    ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(url).mutate()
        .option(CURRENT_SCHEMA, schema);
    if (user != null) {
      options.option(ConnectionFactoryOptions.USER, user);
    }
    if (password != null) {
      options.option(ConnectionFactoryOptions.PASSWORD, password);
    }
    ConnectionPoolConfiguration pool = ConnectionPoolConfiguration.builder(ConnectionFactories.get(options.build()))
        .name("callstate-replay")
        .initialSize(1)
        .maxSize(2)
        .maxIdleTime(Duration.ofMinutes(5))
        .build();
    return new RebuildTables(new ConnectionPool(pool));
  }

  DatabaseClient db() {
    return db;
  }

  ReactiveTransactionManager transactions() {
    return transactions;
  }

  @Override
  public void close() {
    pool.dispose();
  }
}
