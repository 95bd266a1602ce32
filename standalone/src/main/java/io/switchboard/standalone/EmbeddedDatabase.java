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
      try {
        database.checkServes(dataDir);
        database.createDatabaseIfMissing();
      } catch (RuntimeException e) {
        database.close();
        throw e;
      }
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

  /**
   * The server that answers on the port must be the one just started on {@code dataDir}: a server
   * that took the port in between would otherwise be used as ours, with another folder's data.
   */
  private void checkServes(Path dataDir) {
    String served;
    try (Connection connection = DriverManager.getConnection(adminUrl(), USER, PASSWORD);
        Statement statement = connection.createStatement();
        var result = statement.executeQuery("SHOW data_directory")) {
      result.next();
      served = result.getString(1);
    } catch (SQLException e) {
      throw new StartupException("PostgreSQL on " + host + ":" + server.getPort() + " cannot be asked for its data "
          + "directory: " + e.getMessage(), e);
    }
    if (!sameFolder(Path.of(served), dataDir)) {
      throw new StartupException("The PostgreSQL answering on " + host + ":" + server.getPort() + " serves " + served
          + ", not this stack's " + dataDir + ". Stop that server, or choose another port with --postgres-port=<port>.");
    }
  }

  private static boolean sameFolder(Path a, Path b) {
    try {
      return a.toRealPath().equals(b.toRealPath());
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  private String adminUrl() {
    return "jdbc:postgresql://" + host + ":" + server.getPort() + "/postgres";
  }

  private void createDatabaseIfMissing() {
    try (Connection connection = DriverManager.getConnection(adminUrl(), USER, PASSWORD);
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
