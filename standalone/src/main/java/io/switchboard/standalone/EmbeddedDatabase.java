package io.switchboard.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real PostgreSQL server started from this process, with its data folder kept across restarts. */
final class EmbeddedDatabase implements AutoCloseable {

  static final String DATABASE = "switchboard";
  static final String USER = "postgres";
  static final String PASSWORD = "postgres";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres server;
  private final String host;

  private EmbeddedDatabase(EmbeddedPostgres server, String host) {
    this.server = server;
    this.host = host;
  }

  /** Starts the server on {@code port} and creates the {@value #DATABASE} database on first use. */
  static EmbeddedDatabase start(Path dataDir, String host, int port) {
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres server = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setServerConfig("listen_addresses", host)
          .start();
      EmbeddedDatabase database = new EmbeddedDatabase(server, host);
      database.createDatabaseIfMissing();
      log.info("PostgreSQL serving at {}:{} with its data in {}", host, port, dataDir);
      return database;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start PostgreSQL in " + dataDir, e);
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + server.getPort() + "/" + DATABASE;
  }

  String r2dbcUrl() {
    return "r2dbc:postgresql://" + host + ":" + server.getPort() + "/" + DATABASE;
  }

  private void createDatabaseIfMissing() {
    String admin = "jdbc:postgresql://" + host + ":" + server.getPort() + "/postgres";
    try (Connection connection = DriverManager.getConnection(admin, USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
      if (!exists.next()) {
        statement.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the " + DATABASE + " database: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop PostgreSQL", e);
    }
  }
}
