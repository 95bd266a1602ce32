package io.switchboard.callstate;

import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/** The service against the shared test broker and a test database, as every integration test runs it. */
public final class TestService {

  private TestService() {}

  /**
   * The command-line settings: a free port, the database, the broker, short polls, then {@code extra}
   * (settings not already given: a property given twice on the command line becomes a list).
   */
  public static List<String> settings(TestDatabase database, String... extra) {
    List<String> settings = new ArrayList<>(List.of(
        "--server.port=0",
        "--spring.r2dbc.url=" + database.r2dbcUrl(),
        "--spring.r2dbc.username=" + database.user(),
        "--spring.r2dbc.password=" + database.password(),
        "--spring.flyway.url=" + database.jdbcUrl(),
        "--switchboard.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
        "--switchboard.projection.poll-timeout=100ms"));
    settings.addAll(List.of(extra));
    return settings;
  }

  /** Starts the service in this JVM. */
  public static ConfigurableApplicationContext start(TestDatabase database, String... extra) {
    return CallStateApplication.application().run(settings(database, extra).toArray(String[]::new));
  }
}
