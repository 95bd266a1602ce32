package io.switchboard.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real PostgreSQL server per test JVM, started on first use. Each test class asks for a fresh
 * database of its own with {@link #newDatabase(String)}.
 */
public final class SharedPostgres {

  private static final Logger log = LoggerFactory.getLogger(SharedPostgres.class);
  private static final AtomicInteger counter = new AtomicInteger();
  private static EmbeddedPostgres server;

  private SharedPostgres() {}

  /** A new, empty database on the shared server; its name starts with {@code prefix}. */
  public static TestDatabase newDatabase(String prefix) {
    EmbeddedPostgres pg = server();
    String name = (prefix.replaceAll("[^a-zA-Z0-9]", "_") + "_" + counter.incrementAndGet()).toLowerCase();
    TestDatabase admin = new TestDatabase("127.0.0.1", pg.getPort(), "postgres", "postgres", "postgres");
    try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
    return new TestDatabase("127.0.0.1", pg.getPort(), name, "postgres", "postgres");
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      long start = System.nanoTime();
      try {
        server = EmbeddedPostgres.builder()
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "300")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
      }
      log.info("PostgreSQL up on port {} in {} ms", server.getPort(), (System.nanoTime() - start) / 1_000_000);
    }
    return server;
  }
}
