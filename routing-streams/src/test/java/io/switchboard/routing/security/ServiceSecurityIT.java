package io.switchboard.routing.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.RoutingApplication;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.MappedRoutes;
import io.switchboard.testsupport.OwnNettyResources;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.TestIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;

/**
 * The routing service's HTTP surface with real tokens from the test issuer, through the service's
 * own configuration: only a valid token with the role {@code service} is let in; health is open.
 */
class ServiceSecurityIT {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String TENANT = "security-it-" + UUID.randomUUID();
  private static final String STATS = "/api/v1/queues/sales/stats";
  private static final TestIssuer issuer = TestIssuer.shared();

  private static Path stateDir;
  private static ConfigurableApplicationContext context;
  private static WebTestClient anonymous;

  @BeforeAll
  static void start() throws Exception {
    stateDir = Files.createTempDirectory("routing-security-it");
    context = RoutingApplication.application().initializers(new OwnNettyResources()).run(
        "--switchboard.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
        "--switchboard.routing.application-id=security-it-" + UUID.randomUUID(),
        "--switchboard.routing.state-dir=" + stateDir,
        "--switchboard.security.issuer-uri=" + issuer.issuerUri(),
        "--server.port=0");
    anonymous = WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
        .responseTimeout(Duration.ofSeconds(60)).build();
  }

  @AfterAll
  static void stop() {
    context.close();
    FileSystemUtils.deleteRecursively(stateDir.toFile());
  }

  @Test
  void aRequestWithoutATokenIsA401WithTheErrorBodyAndABearerChallenge() {
    Map<String, Object> body = anonymous.get().uri(STATS).header("X-Tenant-Id", TENANT).exchange()
        .expectStatus().isUnauthorized()
        .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .expectBody(JSON).returnResult().getResponseBody();

    assertThat(body).containsEntry("status", 401).containsEntry("error", "Unauthorized").containsEntry("path", STATS);
    assertThat((String) body.get("message")).contains("service credential");
  }

  @Test
  void forgedExpiredUnsignedAndMisaddressedTokensAreA401() {
    for (String token : List.of(
        issuer.forged(null, "gateway", "service"),
        issuer.expired(null, "gateway", "service"),
        issuer.unsigned(null, "gateway", "service"),
        issuer.forAudience("elsewhere", null, "gateway", "service"),
        issuer.fromIssuer("http://127.0.0.1:1/other", null, "gateway", "service"))) {
      Map<String, Object> body = call(STATS, token).expectStatus().isUnauthorized()
          .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
          .expectBody(JSON).returnResult().getResponseBody();
      assertThat(body).as(token).containsEntry("status", 401).containsEntry("path", STATS);
    }
  }

  @Test
  void aValidTokenWithoutTheServiceRoleIsA403() {
    for (String token : List.of(issuer.token(TENANT, "boss", "supervisor"), issuer.withoutTenant("root", "admin"))) {
      call(STATS, token).expectStatus().isForbidden().expectBody(JSON)
          .value(body -> assertThat(body).containsEntry("status", 403).containsEntry("path", STATS));
    }
  }

  @Test
  void aServiceTokenReadsTheLiveStatistics() {
    try (EventProducer producer = new EventProducer()) {
      producer.send(Topics.AGENT_EVENTS, "ada", new AgentEvent(UUID.randomUUID(), TENANT, Instant.now(), "security-it",
          "ada", AgentRegistered.newBuilder().setQueues(List.of("sales")).setCapacity(1).build()));
    }
    Map<String, Object> stats = Poll.until(TIMEOUT, "statistics of sales", () -> {
      EntityExchangeResult<Map<String, Object>> result = call(STATS, issuer.serviceToken("gateway"))
          .expectBody(JSON).returnResult();
      return result.getStatus() == HttpStatus.OK ? result.getResponseBody() : null;
    });
    assertThat(stats).containsEntry("tenantId", TENANT).containsEntry("queue", "sales");
  }

  @Test
  void healthIsOpenWithoutDetailsAndTheRestOfTheActuatorIsClosed() {
    for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
      // 503 while the streams are not running yet: still an answer, with no details.
      Map<String, Object> health = anonymous.get().uri(path).exchange().expectBody(JSON).returnResult()
          .getResponseBody();
      assertThat(health).as(path).containsKey("status").doesNotContainKeys("components", "details");
    }
    anonymous.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
    call("/actuator/prometheus", issuer.token(TENANT, "boss", "supervisor")).expectStatus().isForbidden();
    call("/actuator/prometheus", issuer.serviceToken("prometheus")).expectStatus().isOk();
    call("/actuator/prometheus", issuer.withoutTenant("operator", "admin")).expectStatus().isOk();
  }

  @Test
  void noMappedRouteAnswersARequestWithoutCredentials() {
    MappedRoutes.assertClosedWithoutCredentials(context, anonymous,
        "/api/v1/queues/{queue}/stats", "/actuator/prometheus");
  }


  private static WebTestClient.ResponseSpec call(String uri, String token) {
    return anonymous.get().uri(uri).header("X-Tenant-Id", TENANT).headers(h -> h.setBearerAuth(token)).exchange();
  }
}
