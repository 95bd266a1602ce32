package io.switchboard.callstate.query;

import io.switchboard.callstate.TestService;
import io.switchboard.testsupport.SharedPostgres;
import io.switchboard.testsupport.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service on a fresh database its Flyway migrated, with a client and a row writer for it, for
 * one test class: {@code @RegisterExtension static final ReadApiService service = new
 * ReadApiService("name");}.
 */
final class ReadApiService implements BeforeAllCallback, AfterAllCallback {

  private final String name;
  private ConfigurableApplicationContext context;
  private WebTestClient http;
  private Rows rows;

  ReadApiService(String name) {
    this.name = name;
  }

  @Override
  public void beforeAll(ExtensionContext extension) {
    TestDatabase database = SharedPostgres.newDatabase(name);
    context = TestService.start(database,
        // The rows are written directly, with times in the past: the housekeeping would close open ones.
        "--switchboard.housekeeping.enabled=false");
    http = TestService.http(context, Duration.ofSeconds(10));
    rows = new Rows(database);
  }

  @Override
  public void afterAll(ExtensionContext extension) {
    context.close();
  }

  WebTestClient http() {
    return http;
  }

  Rows rows() {
    return rows;
  }
}
