package io.switchboard.callstate.query;

import io.switchboard.callstate.TestService;
import io.switchboard.testsupport.SharedPostgres;
import io.switchboard.testsupport.TestDatabase;
import java.time.Duration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service on a fresh database its Flyway migrated, with a client and a row writer for it. */
record ReadApiService(ConfigurableApplicationContext context, WebTestClient http, Rows rows) {

  static ReadApiService start(String name) {
    TestDatabase database = SharedPostgres.newDatabase(name);
    ConfigurableApplicationContext context = TestService.start(database,
        // The rows are written directly, with times in the past: the housekeeping would close open ones.
        "--switchboard.housekeeping.enabled=false");
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(10)).build();
    return new ReadApiService(context, http, new Rows(database));
  }

  void stop() {
    context.close();
  }
}
