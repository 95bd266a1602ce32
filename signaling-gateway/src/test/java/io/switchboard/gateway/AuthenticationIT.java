package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;

/** Who gets in: real tokens from the test issuer against the real resource-server configuration. */
class AuthenticationIT {

  private static final String TENANT = "auth-" + UUID.randomUUID().toString().substring(0, 8);

  private final TestGateway gateway = TestGateway.shared();
  private final TestIssuer issuer = gateway.issuer;

  static Stream<Arguments> badTokens() {
    Map<String, Function<TestIssuer, String>> kinds = Map.of(
        "forged signature", i -> i.forged(TENANT, "u1", "admin"),
        "expired", i -> i.expired(TENANT, "u1", "admin"),
        "alg none", i -> i.unsigned(TENANT, "u1", "admin"),
        "no tenant claim", i -> i.withoutTenant("u1", "admin"),
        "wrong audience", i -> i.forAudience("another-api", TENANT, "u1", "admin"),
        "wrong issuer", i -> i.fromIssuer("http://127.0.0.1:1/elsewhere", TENANT, "u1", "admin"),
        "agent without agent id", i -> i.token(TENANT, "u1", "agent"),
        "not a JWT", i -> "not-a-jwt");
    return kinds.entrySet().stream().map(kind -> Arguments.of(kind.getKey(), kind.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void aBadTokenIs401WithTheErrorBodyAndAChallenge(String kind, Function<TestIssuer, String> token) {
    gateway.as(token.apply(issuer)).put().uri("/api/v1/queues/sales")
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
        .exchange()
        .expectStatus().isUnauthorized()
        .expectHeader().value("WWW-Authenticate", challenge -> assertThat(challenge)
            .startsWith("Bearer error=\"invalid_token\"").contains("error_description=\""))
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.status").isEqualTo(401)
        .jsonPath("$.error").isEqualTo("Unauthorized")
        .jsonPath("$.path").isEqualTo("/api/v1/queues/sales")
        .jsonPath("$.message").value(message -> assertThat((String) message).startsWith("Invalid access token: "));
  }

  @Test
  void withoutATokenEveryApiRequestIs401() {
    gateway.anonymous().post().uri("/api/v1/agents/a1/sign-in").exchange()
        .expectStatus().isUnauthorized()
        .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
        .expectBody().jsonPath("$.message")
        .isEqualTo("Authentication required: send an access token as Authorization: Bearer <token>");
    gateway.anonymous().get().uri("/api/v1/calls/k1").exchange().expectStatus().isUnauthorized();
    // An unknown route says nothing either until the caller is known.
    gateway.anonymous().get().uri("/api/v1/nothing-here").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void theClientsTenantHeaderIsIgnored() {
    try (EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      String callId = (String) gateway.as(issuer.token(TENANT, "c-7", "customer")).post().uri("/api/v1/calls")
          .header("X-Tenant-Id", "victim").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"queue\":\"sales\"}")
          .exchange()
          .expectStatus().isCreated()
          .expectBody(Map.class).returnResult().getResponseBody().get("callId");
      CallEvent created = calls.await(e -> e.getCallId().equals(callId), TestGateway.TIMEOUT);
      assertThat(created.getTenantId()).isEqualTo(TENANT);
    }
  }

  @Test
  void healthProbesAreOpenAndOtherActuatorEndpointsNeedAdminOrService() {
    for (String probe : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
      gateway.anonymous().get().uri(probe).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }
    gateway.anonymous().get().uri("/actuator/health").exchange().expectBody().jsonPath("$.components").doesNotExist();
    gateway.anonymous().get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
    gateway.as(issuer.token(TENANT, "sup", "supervisor")).get().uri("/actuator/prometheus").exchange()
        .expectStatus().isForbidden()
        .expectHeader().value("WWW-Authenticate", challenge -> assertThat(challenge).contains("insufficient_scope"))
        .expectBody().jsonPath("$.status").isEqualTo(403).jsonPath("$.path").isEqualTo("/actuator/prometheus");
    gateway.as(issuer.token(TENANT, "router", "service")).get().uri("/actuator/prometheus").exchange()
        .expectStatus().isOk();
    gateway.as(issuer.token(TENANT, "ops", "admin")).get().uri("/actuator/health").exchange()
        .expectStatus().isOk().expectBody().jsonPath("$.components.kafka.status").isEqualTo("UP")
        .jsonPath("$.components.tables.status").isEqualTo("UP")
        .jsonPath("$.components.tables.details['sip.numbers']").isEqualTo("loaded");
  }

  @Test
  void aWebSocketHandshakeWithoutAValidAgentCustomerOrSupervisorTokenIsRefusedBeforeTheUpgrade() {
    try (AgentSocket none = AgentSocket.open(gateway.port, "switchboard.v1");
         AgentSocket forged = AgentSocket.connect(gateway.port, issuer.forged(TENANT, "u1", "agent"));
         AgentSocket expired = AgentSocket.connect(gateway.port, issuer.expired(TENANT, "u1", "agent"));
         AgentSocket service = AgentSocket.connect(gateway.port, issuer.token(TENANT, "router", "service"))) {
      assertThat(none.awaitRefused()).hasMessageContaining("401");
      assertThat(forged.awaitRefused()).hasMessageContaining("401");
      assertThat(expired.awaitRefused()).hasMessageContaining("401");
      assertThat(service.awaitRefused()).hasMessageContaining("403");
    }
    // Nor is the token taken from the URL.
    gateway.anonymous().get().uri("/ws?access_token=" + issuer.agentToken(TENANT, "a1"))
        .header("Upgrade", "websocket").header("Connection", "Upgrade")
        .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
        .exchange()
        .expectStatus().isUnauthorized()
        .expectBody().jsonPath("$.status").isEqualTo(401);
  }

  @Test
  void aWebSocketWithAnAgentTokenIsThatAgentOfThatTenantOnly() {
    String callId = "call-" + UUID.randomUUID();
    try (AgentSocket agent = AgentSocket.connect(gateway.port, issuer.agentToken(TENANT, "a1"));
         EventProducer producer = new EventProducer()) {
      agent.awaitReady();
      assertThat(agent.protocol()).isEqualTo("switchboard.v1");

      // The same agent id in another tenant is another agent: its offer does not reach this session.
      producer.send(Topics.ROUTING_DECISIONS, callId, offer("other-tenant", callId, "a1"));
      producer.send(Topics.ROUTING_DECISIONS, callId + "-mine", offer(TENANT, callId + "-mine", "a1"));
      agent.await("call:incoming", data -> data.path("callId").stringValue("").equals(callId + "-mine"));
      assertThat(agent.received()).noneMatch(frame -> frame.toString().contains("\"" + callId + "\""));
    }
  }

  @Test
  void aSessionEndsWhenItsTokenExpiresUnlessTheClientRefreshesIt() {
    String shortLived = issuer.mint(issuer.claims(TENANT, "user-a5", "a5", "agent")
        .expirationTime(Date.from(Instant.now().plusSeconds(3))));
    String refreshedToo = issuer.mint(issuer.claims(TENANT, "user-a6", "a6", "agent")
        .expirationTime(Date.from(Instant.now().plusSeconds(3))));
    try (AgentSocket expiring = AgentSocket.connect(gateway.port, shortLived);
         AgentSocket refreshed = AgentSocket.connect(gateway.port, refreshedToo)) {
      expiring.awaitReady();
      refreshed.awaitReady();
      refreshed.send("{\"type\":\"auth:refresh\",\"data\":{\"token\":\"" + issuer.agentToken(TENANT, "a6") + "\"}}");
      refreshed.await("auth:refreshed", data -> data.hasNonNull("expiresAt"));

      Poll.until(TestGateway.TIMEOUT, "the expired session to be closed", () -> expiring.closedByServer() ? true : null);
      sleepPast(Duration.ofSeconds(1));
      assertThat(refreshed.closedByServer()).isFalse();
      refreshed.awaitReady();
    }
  }

  @Test
  void aRefreshForAnotherAgentIsRefusedAndTheSessionKeepsItsIdentity() {
    try (AgentSocket agent = AgentSocket.connect(gateway.port, issuer.agentToken(TENANT, "a7"))) {
      agent.awaitReady();
      agent.send("{\"type\":\"auth:refresh\",\"data\":{\"token\":\"" + issuer.agentToken(TENANT, "a8") + "\"}}");
      agent.await("call:error", data -> data.path("message").stringValue("").contains("another tenant, user or agent"));
      agent.send("{\"type\":\"auth:refresh\",\"data\":{\"token\":\"" + issuer.expired(TENANT, "user-a7", "agent") + "\"}}");
      agent.await("call:error", data -> data.path("message").stringValue("").startsWith("The new token is not valid"));
    }
  }

  private static void sleepPast(Duration duration) {
    // Waiting for something not to happen: a bounded pause is the only way to observe it.
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static RoutingDecision offer(String tenant, String callId, String agentId) {
    return new RoutingDecision(UUID.randomUUID(), tenant, Instant.now(), "routing-test", callId, "sales", null,
        new RoutingOffered(agentId, "res-" + UUID.randomUUID(), Instant.now().plusSeconds(60), false));
  }

}
