package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.TestIssuer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Rate limits, CORS, security headers and size limits on a real gateway of its own, with limits
 * tight enough to reach in a test (the shared {@link TestGateway} keeps the defaults).
 */
class HardeningIT {

  private static final String CALL = "{\"queue\":\"sales\"}";
  private static final TestIssuer issuer = TestIssuer.shared();
  private static CallStateStub callState;
  private static ConfigurableApplicationContext gateway;
  private static int port;

  private final String tenant = "hard-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void start() {
    callState = new CallStateStub();
    gateway = TestGateway.start(TestGateway.args("hardening-it-" + UUID.randomUUID(), callState.url(),
        "--switchboard.gateway.rate-limits.calls.per-principal.capacity=2",
        "--switchboard.gateway.rate-limits.calls.per-principal.window=1h",
        "--switchboard.gateway.rate-limits.calls.per-ip.capacity=3",
        "--switchboard.gateway.rate-limits.calls.per-ip.window=1h",
        "--switchboard.gateway.rate-limits.sign-in.per-principal.capacity=2",
        "--switchboard.gateway.rate-limits.sign-in.per-principal.window=1h",
        "--switchboard.gateway.rate-limits.ws-messages.per-session.capacity=5",
        "--switchboard.gateway.rate-limits.ws-messages.per-session.window=1h",
        "--switchboard.gateway.rate-limits.ws-messages.close-after=3",
        "--switchboard.gateway.browser.cors.allowed-origins=https://desk.example"));
    port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    callState.close();
  }

  private static WebTestClient anonymous() {
    return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(TestGateway.TIMEOUT).build();
  }

  private static WebTestClient as(String token) {
    return anonymous().mutate().defaultHeaders(headers -> headers.setBearerAuth(token)).build();
  }

  private static WebTestClient.ResponseSpec createCall(WebTestClient client) {
    return client.post().uri("/api/v1/calls").contentType(MediaType.APPLICATION_JSON).bodyValue(CALL).exchange();
  }

  @Test
  void callCreationBurstsAnswer429WithRetryAfterPerCallerThenPerAddress() {
    WebTestClient first = as(issuer.token(tenant, "c-1", "customer"));
    createCall(first).expectStatus().isCreated();
    createCall(first).expectStatus().isCreated();

    createCall(first).expectStatus().isEqualTo(429)
        .expectHeader().value("Retry-After", value -> assertThat(Long.parseLong(value)).isBetween(1L, 3600L))
        .expectBody()
        .jsonPath("$.status").isEqualTo(429)
        .jsonPath("$.message").value(message -> assertThat((String) message)
            .startsWith("Too many requests: call creation is limited to 2 per 1h per caller"))
        .jsonPath("$.path").isEqualTo("/api/v1/calls");

    // Each attempt took a token of the address 127.0.0.1 (3 per hour), the refused one too.
    createCall(as(issuer.token(tenant, "c-2", "customer"))).expectStatus().isEqualTo(429)
        .expectHeader().exists("Retry-After")
        .expectBody().jsonPath("$.message").value(message -> assertThat((String) message)
            .contains("limited to 3 per 1h per client address"));
  }

  @Test
  void signInBurstsAnswer429WithRetryAfter() {
    WebTestClient agent = as(issuer.agentToken(tenant, "a-7"));
    for (int i = 0; i < 2; i++) {
      agent.post().uri("/api/v1/agents/a-7/sign-in").exchange().expectStatus().isAccepted();
    }

    agent.post().uri("/api/v1/agents/a-7/sign-in").exchange()
        .expectStatus().isEqualTo(429)
        .expectHeader().exists("Retry-After")
        .expectBody().jsonPath("$.message").value(message -> assertThat((String) message)
            .contains("agent sign-in is limited to 2 per 1h per caller"));
  }

  @Test
  void aWebSocketMessageBurstIsAnsweredWithErrorsThenClosed() {
    try (AgentSocket socket = AgentSocket.connect(port, issuer.agentToken(tenant, "a-ws"))) {
      socket.awaitReady();
      for (int i = 0; i < 10; i++) {
        socket.send("{\"type\":\"burst-" + i + "\",\"data\":{}}");
      }

      socket.await("call:error", data -> data.path("message").stringValue("").startsWith("Too many messages"));
      Poll.until(TestGateway.TIMEOUT, "the session to be closed", () -> socket.closedByServer() ? Boolean.TRUE : null);
    }
  }

  @Test
  void aFrameOverTheLimitClosesTheSession() {
    try (AgentSocket socket = AgentSocket.connect(port, issuer.agentToken(tenant, "a-big"))) {
      socket.awaitReady();

      socket.send("{\"type\":\"call:accept\",\"data\":{\"callId\":\"" + "x".repeat(70 * 1024) + "\"}}");

      Poll.until(TestGateway.TIMEOUT, "the session to be closed", () -> socket.closedByServer() ? Boolean.TRUE : null);
    }
  }

  @Test
  void aBodyOverTheLimitIs413WithTheErrorBody() {
    as(issuer.token(tenant, "ops", "admin")).put().uri("/api/v1/queues/big").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"strategy\":\"" + "x".repeat(70 * 1024) + "\"}")
        .exchange()
        .expectStatus().isEqualTo(413)
        .expectBody()
        .jsonPath("$.status").isEqualTo(413)
        .jsonPath("$.message").isEqualTo("Request body too large: at most 65536 bytes");
  }

  @Test
  void aPreflightFromAnAllowedOriginIsAnsweredAndAnotherOriginRefused() {
    anonymous().method(HttpMethod.OPTIONS).uri("/api/v1/calls")
        .header("Origin", "https://desk.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type")
        .exchange()
        .expectStatus().isOk()
        .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://desk.example")
        .expectHeader().value("Access-Control-Allow-Headers",
            value -> assertThat(value.toLowerCase()).contains("authorization"));

    anonymous().method(HttpMethod.OPTIONS).uri("/api/v1/calls")
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .exchange()
        .expectStatus().isForbidden()
        .expectHeader().doesNotExist("Access-Control-Allow-Origin");
  }

  @Test
  void answersCarryTheSecurityHeaders() {
    as(issuer.token(tenant, "sup", "supervisor")).get().uri("/api/v1/queues").exchange()
        .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader().valueEquals("X-Frame-Options", "DENY")
        .expectHeader().valueEquals("Referrer-Policy", "same-origin")
        .expectHeader().value("Cache-Control", value -> assertThat(value).contains("no-store"))
        .expectHeader().value("Content-Security-Policy", value -> assertThat(value)
            .contains("default-src 'self'").contains("connect-src 'self' ws://127.0.0.1:" + port)
            .contains("script-src 'self'").doesNotContain("unsafe-inline"));
  }
}
