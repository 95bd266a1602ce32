package io.switchboard.gateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.ServiceClientConfiguration;
import io.switchboard.gateway.web.ServiceCredentials;
import io.switchboard.schemas.call.CallState;
import io.switchboard.testsupport.TestIssuer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;

/**
 * The client against a real HTTP server on loopback that, as call-state does, answers only requests
 * with a service token of the test issuer, and against nothing at all. The token comes from the
 * issuer's token endpoint through the gateway's own service-client configuration.
 */
class HttpCallStateClientIT {

  private static final TestIssuer issuer = TestIssuer.shared();
  private static RSAKey issuerKey;

  private final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
      .route(routes -> routes
          .get("/api/v1/calls/live", serviceOnly((request, response) -> response
              .header("Content-Type", "application/json")
              .sendString(Mono.just("{\"callId\":\"live\",\"state\":\"RINGING\",\"agentId\":\""
                  + request.requestHeaders().get("X-Tenant-Id") + "-agent\",\"queue\":\"sales\"}"))))
          .get("/api/v1/calls/broken", serviceOnly((request, response) -> response.status(500)
              .sendString(Mono.just("oops"))))
          .get("/api/v1/calls/revoked", (request, response) -> response.status(401).send())
          .get("/api/v1/calls/{id}", serviceOnly((request, response) -> response.status(404)
              .header("Content-Type", "application/json").sendString(Mono.just("{\"status\":404}")))))
      .bindNow();
  private ConfigurableApplicationContext credentials;

  @BeforeAll
  static void readTheIssuersKey() throws Exception {
    issuerKey = JWKSet.load(URI.create(issuer.jwkSetUri()).toURL()).getKeys().get(0).toRSAKey();
  }

  @AfterEach
  void stop() {
    server.disposeNow();
    if (credentials != null) {
      credentials.close();
    }
  }

  /** Call-state's rule: a valid, unexpired token of the issuer with the role service, else 401. */
  private static BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> serviceOnly(
      BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
    return (request, response) -> {
      String authorization = request.requestHeaders().get("Authorization");
      try {
        SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
        if (jwt.verify(new RSASSAVerifier(issuerKey)) && jwt.getJWTClaimsSet().getExpirationTime().after(new Date())
            && jwt.getJWTClaimsSet().getStringListClaim("roles").contains("service")) {
          return handler.apply(request, response);
        }
      } catch (Exception refused) {
        // no token, or not one of the issuer's
      }
      return response.status(401).send();
    };
  }

  /** A client with the credential the gateway builds from {@code settings} (service-client properties). */
  private HttpCallStateClient client(String url, String... settings) {
    credentials = new SpringApplicationBuilder(ServiceClientConfiguration.class).web(WebApplicationType.NONE)
        .logStartupInfo(false).run(settings);
    return new HttpCallStateClient(new CallStateProperties(url, Duration.ofSeconds(2)),
        credentials.getBean(ServiceCredentials.class));
  }

  private HttpCallStateClient client(String url) {
    issuer.registerClient("gateway-it", "gateway-secret");
    return client(url, "--switchboard.gateway.service-client.token-uri=" + issuer.tokenUri(),
        "--switchboard.gateway.service-client.client-id=gateway-it",
        "--switchboard.gateway.service-client.client-secret=gateway-secret");
  }

  @Test
  void readsTheCallOfTheTenant() {
    HttpCallStateClient client = client("http://127.0.0.1:" + server.port());
    try {
      client.find("acme", "live").as(StepVerifier::create)
          .expectNext(new CallView("live", CallState.RINGING, "acme-agent"))
          .verifyComplete();
      client.find("acme", "unknown").as(StepVerifier::create).verifyComplete();
      client.get("acme", "unknown").as(StepVerifier::create)
          .assertNext(response -> {
            assertThat(response.getStatusCode().value()).isEqualTo(404);
            assertThat(response.getBody()).isEqualTo("{\"status\":404}");
          })
          .verifyComplete();
      assertThat(issuer.tokensIssued("gateway-it")).as("one token for every request").isEqualTo(1);
    } finally {
      client.destroy();
    }
  }

  @Test
  void aTokenCloseToItsExpiryIsFetchedAgainAndSoIsOneTheServiceRefused() {
    // Tokens valid for 30 s are always within the minute before expiry in which the gateway renews.
    issuer.registerClient("gateway-short", "short-secret", Duration.ofSeconds(30));
    HttpCallStateClient client = client("http://127.0.0.1:" + server.port(),
        "--switchboard.gateway.service-client.token-uri=" + issuer.tokenUri(),
        "--switchboard.gateway.service-client.client-id=gateway-short",
        "--switchboard.gateway.service-client.client-secret=short-secret",
        "--switchboard.gateway.service-client.authentication-method=client_secret_post");
    try {
      client.find("acme", "live").as(StepVerifier::create).expectNextCount(1).verifyComplete();
      client.find("acme", "live").as(StepVerifier::create).expectNextCount(1).verifyComplete();
      assertThat(issuer.tokensIssued("gateway-short")).isEqualTo(2);
    } finally {
      client.destroy();
    }
  }

  @Test
  void aTokenTheServiceRefusesIsDroppedAndTheNextRequestFetchesAnother() {
    HttpCallStateClient client = client("http://127.0.0.1:" + server.port());
    try {
      client.get("acme", "revoked").as(StepVerifier::create)
          .expectErrorSatisfies(error -> {
            assertThat(((ApiException) error).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(error.getMessage()).contains("refused the gateway (401)");
          })
          .verify(Duration.ofSeconds(10));
      client.find("acme", "live").as(StepVerifier::create).expectNextCount(1).verifyComplete();
      assertThat(issuer.tokensIssued("gateway-it")).isEqualTo(2);
    } finally {
      client.destroy();
    }
  }

  @Test
  void noTokenFromTheIssuerIsUnavailable() {
    issuer.registerClient("gateway-it", "gateway-secret");
    HttpCallStateClient client = client("http://127.0.0.1:" + server.port(),
        "--switchboard.gateway.service-client.token-uri=" + issuer.tokenUri(),
        "--switchboard.gateway.service-client.client-id=gateway-it",
        "--switchboard.gateway.service-client.client-secret=not-the-secret");
    try {
      client.find("acme", "live").as(StepVerifier::create)
          .expectErrorSatisfies(error -> {
            assertThat(((ApiException) error).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(error.getMessage()).contains("No service token from " + issuer.tokenUri());
          })
          .verify(Duration.ofSeconds(10));
    } finally {
      client.destroy();
    }
  }

  @Test
  void withoutACredentialCallStateRefusesTheCallAndTheGatewayIsUnavailable() {
    HttpCallStateClient client = client("http://127.0.0.1:" + server.port(), new String[0]);
    try {
      client.query("acme", "/api/v1/calls/live", "", List.of()).as(StepVerifier::create)
          .expectErrorSatisfies(error -> {
            assertThat(((ApiException) error).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(error.getMessage()).contains("refused the gateway (401)").contains("no service credential");
          })
          .verify(Duration.ofSeconds(10));
    } finally {
      client.destroy();
    }
  }

  @Test
  void aServerErrorOfCallStateIsUnavailable() {
    HttpCallStateClient client = client("http://127.0.0.1:" + server.port());
    try {
      client.find("acme", "broken").as(StepVerifier::create)
          .expectErrorSatisfies(error -> assertThat(((ApiException) error).status())
              .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE))
          .verify();
    } finally {
      client.destroy();
    }
  }

  @Test
  void anUnreachableCallStateIsUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpCallStateClient client = client("http://127.0.0.1:" + closedPort);
    try {
      client.get("acme", "live").as(StepVerifier::create)
          .expectErrorSatisfies(error -> {
            assertThat(((ApiException) error).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(error.getMessage()).contains("unreachable");
          })
          .verify(Duration.ofSeconds(10));
      client.query("acme", "/api/v1/calls", "limit=5", List.of()).as(StepVerifier::create)
          .expectErrorSatisfies(error -> assertThat(((ApiException) error).status())
              .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE))
          .verify(Duration.ofSeconds(10));
    } finally {
      client.destroy();
    }
  }
}
