package io.switchboard.callstate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callstate.TestService;
import io.switchboard.callstate.replay.ReplayCommand;
import io.switchboard.testsupport.MappedRoutes;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.SharedPostgres;
import io.switchboard.testsupport.TestIssuer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service's HTTP surface with real tokens from the test issuer, through the service's own
 * configuration: only a valid token with the role {@code service} is let in; health is open.
 */
class ServiceSecurityIT {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
  private static final String CALLS = "/api/v1/calls?limit=1";
  private static final TestIssuer issuer = TestIssuer.shared();

  private static ConfigurableApplicationContext context;
  private static WebTestClient anonymous;

  @BeforeAll
  static void start() {
    context = TestService.start(SharedPostgres.newDatabase("service_security"),
        "--switchboard.housekeeping.enabled=false");
    anonymous = WebTestClient.bindToServer().baseUrl(TestService.url(context)).responseTimeout(Duration.ofSeconds(60))
        .build();
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void aRequestWithoutATokenIsA401WithTheErrorBodyAndABearerChallenge() {
    EntityExchangeResult<Map<String, Object>> result = anonymous.get().uri(CALLS).header("X-Tenant-Id", "acme")
        .exchange().expectStatus().isUnauthorized()
        .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .expectBody(JSON).returnResult();

    assertThat(result.getResponseBody()).containsEntry("status", 401).containsEntry("error", "Unauthorized")
        .containsEntry("path", "/api/v1/calls");
    assertThat((String) result.getResponseBody().get("message")).contains("service credential");
  }

  @Test
  void forgedExpiredUnsignedAndMisaddressedTokensAreA401SayingWhy() {
    Map<String, String> reasons = Map.of(
        issuer.forged(null, "gateway", "service"), "Failed to validate the token",
        issuer.expired(null, "gateway", "service"), "Jwt expired at",
        issuer.unsigned(null, "gateway", "service"), "Unsupported algorithm of none",
        issuer.forAudience("elsewhere", null, "gateway", "service"), "The aud claim is not valid",
        issuer.fromIssuer("http://127.0.0.1:1/other", null, "gateway", "service"), "The iss claim is not valid",
        "not-a-jwt", "Invalid JWT serialization");
    reasons.forEach((token, reason) -> {
      Map<String, Object> body = call(CALLS, token).expectStatus().isUnauthorized()
          .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
          .expectBody(JSON).returnResult().getResponseBody();
      assertThat(body).as(reason).containsEntry("status", 401).containsEntry("path", "/api/v1/calls");
      assertThat((String) body.get("message")).startsWith("The bearer token was refused: ").contains(reason);
    });
  }

  @Test
  void aValidTokenWithoutTheServiceRoleIsA403() {
    for (String token : List.of(issuer.agentToken("acme", "a1"), issuer.token("acme", "boss", "admin", "supervisor"))) {
      Map<String, Object> body = call(CALLS, token).expectStatus().isForbidden().expectBody(JSON).returnResult()
          .getResponseBody();
      assertThat(body).containsEntry("status", 403).containsEntry("error", "Forbidden")
          .containsEntry("path", "/api/v1/calls");
    }
    anonymous.post().uri("/admin/replay").headers(h -> h.setBearerAuth(issuer.agentToken("acme", "a1"))).exchange()
        .expectStatus().isForbidden();
  }

  @Test
  void aServiceTokenReadsTheApiAndTheReplayStatus() {
    call(CALLS, issuer.serviceToken("gateway")).expectStatus().isOk().expectBody().jsonPath("$.items").isArray();
    call("/admin/replay", issuer.serviceToken("operator")).expectStatus().isOk().expectBody()
        .jsonPath("$.phase").isEqualTo("IDLE");
  }

  @Test
  void healthIsOpenWithoutDetailsAndTheRestOfTheActuatorIsClosed() {
    Poll.until(Duration.ofSeconds(30), "health UP", () ->
        anonymous.get().uri("/actuator/health").exchange().expectBody(String.class).returnResult().getStatus()
            == HttpStatus.OK
            ? true : null);
    for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
      Map<String, Object> health = anonymous.get().uri(path).exchange().expectStatus().isOk().expectBody(JSON)
          .returnResult().getResponseBody();
      assertThat(health).as(path).containsEntry("status", "UP").doesNotContainKeys("components", "details");
    }
    anonymous.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
    anonymous.get().uri("/actuator/info").exchange().expectStatus().isUnauthorized();
    call("/actuator/prometheus", issuer.agentToken("acme", "a1")).expectStatus().isForbidden();

    call("/actuator/prometheus", issuer.serviceToken("prometheus")).expectStatus().isOk();
    call("/actuator/prometheus", issuer.withoutTenant("operator", "admin")).expectStatus().isOk();
    // Details are for a service token whatever the status: the projection's health may be DOWN (503)
    // for a moment while it retries a batch of the shared broker's backlog.
    Map<String, Object> detailed = call("/actuator/health", issuer.serviceToken("operator"))
        .expectBody(JSON).returnResult().getResponseBody();
    assertThat(detailed).containsKey("components");
  }

  @Test
  void noMappedRouteAnswersARequestWithoutCredentials() {
    MappedRoutes.assertClosedWithoutCredentials(context, anonymous,
        "/api/v1/calls/{callId}", "/admin/replay", "/admin/replay/retired", "/actuator/prometheus");
  }


  @Test
  void theReplayCommandExitsWithTwoWhenTheServiceRefusesItsCredential() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
    String url = "--url=" + TestService.url(context);

    assertThat(ReplayCommand.run(List.of(url), System.out, errors)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused the request (401)").contains("--token");

    err.reset();
    assertThat(ReplayCommand.run(List.of(url, "--token=" + issuer.agentToken("acme", "a1")), System.out, errors))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused the token (403)").contains("role service");

    err.reset();
    assertThat(ReplayCommand.run(List.of(url, "--token-url=" + issuer.tokenUri(), "--client-id=nobody",
        "--client-secret=wrong"), System.out, errors)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no service token").contains("401");
  }

  private static WebTestClient.ResponseSpec call(String uri, String token) {
    return anonymous.get().uri(uri).header("X-Tenant-Id", "acme").headers(h -> h.setBearerAuth(token)).exchange();
  }
}
