package io.switchboard.callstate;

import io.switchboard.testsupport.OwnNettyResources;
import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.TestDatabase;
import io.switchboard.testsupport.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ClientRequest;

/** The service against the shared test broker, a test database and the test issuer, as every IT runs it. */
public final class TestService {

  /** The client id of the service tokens the tests present. */
  public static final String CLIENT = "call-state-tests";

  private TestService() {}

  /**
   * The command-line settings: a free port, the database, the broker, the test issuer, short polls,
   * then {@code extra} (settings not already given: a property given twice on the command line
   * becomes a list).
   */
  public static List<String> settings(TestDatabase database, String... extra) {
    List<String> settings = new ArrayList<>(List.of(
        "--server.port=0",
        "--spring.r2dbc.url=" + database.r2dbcUrl(),
        "--spring.r2dbc.username=" + database.user(),
        "--spring.r2dbc.password=" + database.password(),
        "--spring.flyway.url=" + database.jdbcUrl(),
        "--switchboard.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
        "--switchboard.security.issuer-uri=" + TestIssuer.shared().issuerUri(),
        "--switchboard.projection.poll-timeout=100ms"));
    settings.addAll(List.of(extra));
    return settings;
  }

  /** Starts the service in this JVM. */
  public static ConfigurableApplicationContext start(TestDatabase database, String... extra) {
    return CallStateApplication.application().initializers(new OwnNettyResources()).run(settings(database, extra).toArray(String[]::new));
  }

  /** The base URL of a running service. */
  public static String url(ConfigurableApplicationContext context) {
    return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  /**
   * A client of a running service that presents a fresh service token with every request (a test
   * class may outlive one token), unless the request sets its own {@code Authorization}.
   */
  public static WebTestClient http(ConfigurableApplicationContext context, Duration timeout) {
    return WebTestClient.bindToServer().baseUrl(url(context)).responseTimeout(timeout)
        .filter((request, next) -> next.exchange(request.headers().containsHeader(HttpHeaders.AUTHORIZATION)
            ? request
            : ClientRequest.from(request)
                .headers(headers -> headers.setBearerAuth(TestIssuer.shared().serviceToken(CLIENT)))
                .build()))
        .build();
  }
}
