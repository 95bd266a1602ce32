package io.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.Poll;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first call end to end through the standalone stack: a real broker, a real PostgreSQL, the
 * identity service and the four services in one process. The admin signs in with the password of
 * the first start and makes an agent's and a customer's logins; the agent signs in and goes
 * available, the customer calls, the agent's WebSocket receives the call and accepts, the call ends,
 * and its history reads back the same after the services restart and after the whole stack
 * restarts on the same data folder; then an API key of the tenant reads it through the gateway.
 * Then a public call page calls without an account: its widget key is exchanged for a customer
 * token signed with the stack's generated secret.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstCallIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final JsonMapper json = JsonMapper.builder().build();

  private static Path dataDir;
  private static StandaloneSettings settings;
  private static StandaloneStack stack;
  private static WebClient http;

  private static final String PASSWORD = "a-long-enough-password";

  private static Logins logins;
  private static String agentId;
  private static String agentToken;
  private static String customerToken;
  private static String supervisorToken;
  private static String callId;
  private static JsonNode endedCall;

  @BeforeAll
  static void startStack() throws IOException {
    dataDir = Files.createTempDirectory("switchboard-standalone-it");
    settings = TestPorts.settings(dataDir);
    stack = StandaloneStack.start(settings);
    http = WebClient.create("http://" + settings.host() + ":" + settings.gatewayPort());
    logins = new Logins(settings);
    String admin = logins.adminToken();
    agentId = "agent-" + UUID.randomUUID().toString().substring(0, 8);
    logins.create(admin, agentId, PASSWORD, List.of("agent"), agentId);
    logins.create(admin, "customer-42", PASSWORD, List.of("customer"), null);
    agentToken = logins.token(agentId, PASSWORD);
    customerToken = logins.token("customer-42", PASSWORD);
    supervisorToken = admin;
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void everyServiceIsHealthy() {
    for (int port : List.of(settings.identityPort(), settings.gatewayPort(), settings.routingPort(),
        settings.callStatePort(), settings.mediaPort())) {
      JsonNode health = Poll.until(WAIT, "health UP on port " + port, () -> {
        JsonNode body = json.readTree(WebClient.create().get()
            .uri(URI.create("http://" + settings.host() + ":" + port + "/actuator/health"))
            .retrieve().bodyToMono(String.class).block(WAIT));
        return "UP".equals(body.path("status").asString()) ? body : null;
      });
      assertThat(health.path("status").asString()).isEqualTo("UP");
    }
  }

  @Test
  @Order(2)
  void nothingIsAnsweredWithoutAToken() {
    HttpStatus status = http.post().uri("/api/v1/agents/" + agentId + "/sign-in")
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of())
        .exchangeToMono(response -> Mono.just(HttpStatus.valueOf(response.statusCode().value())))
        .block(WAIT);
    assertThat(status).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  @Order(3)
  void aCallIsRoutedToTheAgentAnsweredEndedAndReadBack() throws Exception {
    post(agentToken, "/api/v1/agents/" + agentId + "/sign-in", Map.of(
        "displayName", "Ada", "skills", List.of(Map.of("name", "english", "level", 7)),
        "queues", List.of("sales"), "capacity", 1, "channel", "WEBRTC"));

    try (AgentSocket socket = AgentSocket.connect(settings, agentToken)) {
      put(agentToken, "/api/v1/agents/" + agentId + "/status", Map.of("status", "AVAILABLE"));

      JsonNode created = post(customerToken, "/api/v1/calls", Map.of(
          "queue", "sales", "channel", "WEBRTC", "attributes", Map.of("vip", "true")));
      callId = created.path("callId").asString();
      assertThat(callId).isNotBlank();

      JsonNode incoming = socket.await("call:incoming");
      assertThat(incoming.path("data").path("callId").asString()).isEqualTo(callId);
      assertThat(incoming.path("data").path("queue").asString()).isEqualTo("sales");

      socket.send("call:accept", Map.of("callId", callId));
      JsonNode accepted = socket.await("call:accepted");
      assertThat(accepted.path("data").path("callId").asString()).isEqualTo(callId);

      awaitCall(call -> "CONNECTED".equals(call.path("state").asString()));
      post(agentToken, "/api/v1/calls/" + callId + "/end", Map.of("reason", "resolved"));

      JsonNode ended = socket.await("call:ended");
      assertThat(ended.path("data").path("callId").asString()).isEqualTo(callId);
    }

    endedCall = awaitCall(call -> "ENDED".equals(call.path("state").asString()));
    assertThat(endedCall.path("agentId").asString()).isEqualTo(agentId);
    assertThat(endedCall.path("queue").asString()).isEqualTo("sales");
    assertThat(endedCall.path("outcome").asString()).isEqualTo("ENDED");
    Instant queued = Instant.parse(endedCall.path("queuedAt").asString());
    Instant answered = Instant.parse(endedCall.path("answeredAt").asString());
    Instant endedAt = Instant.parse(endedCall.path("endedAt").asString());
    assertThat(answered).isAfterOrEqualTo(queued);
    assertThat(endedAt).isAfterOrEqualTo(answered);
    assertThat(endedCall.path("waitMs").asLong()).isEqualTo(Duration.between(queued, answered).toMillis());
    assertThat(endedCall.path("talkMs").asLong()).isEqualTo(Duration.between(answered, endedAt).toMillis());
    assertThat(endedCall.path("durationMs").asLong()).isGreaterThanOrEqualTo(endedCall.path("talkMs").asLong());
  }

  @Test
  @Order(4)
  void endingTheCallAgainIsAConflict() {
    HttpStatus status = http.post().uri("/api/v1/calls/" + callId + "/end")
        .headers(headers -> headers.setBearerAuth(supervisorToken))
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of())
        .exchangeToMono(response -> Mono.just(HttpStatus.valueOf(response.statusCode().value())))
        .block(WAIT);
    assertThat(status).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  @Order(5)
  void theCallReadsTheSameAfterTheServicesRestart() {
    stack.stopServices();
    stack.startServices();

    JsonNode after = Poll.until(WAIT, "call readable after restart", () -> get(supervisorToken, callUrl()));
    assertThat(after).isEqualTo(endedCall);
  }

  @Test
  @Order(6)
  void routingRemembersTheAvailableAgentAfterTheRestart() throws Exception {
    // Nobody told the restarted services about the agent: routing restores it from its changelog.
    // The tokens issued before the restart are still good: the issuer's keys are in its database.
    try (AgentSocket socket = AgentSocket.connect(settings, agentToken)) {
      String next = post(customerToken, "/api/v1/calls", Map.of("queue", "sales"))
          .path("callId").asString();

      JsonNode incoming = socket.await("call:incoming");

      assertThat(incoming.path("data").path("callId").asString()).isEqualTo(next);
      // The gateway checks the state with call-state first, which may not have the call yet.
      Poll.until(WAIT, "the ringing call to be cancelled",
          () -> post(customerToken, "/api/v1/calls/" + next + "/end", Map.of()));
    }
  }

  @Test
  @Order(7)
  void theReplayCommandAuthenticatesWithTheStacksOwnCredentialAndRebuildsTheProjection() {
    int exit = Standalone.replay(List.of("--data-dir=" + settings.dataDir(), "--host=" + settings.host(),
        "--identity-port=" + settings.identityPort(), "--url=http://" + settings.host() + ":" + settings.callStatePort(),
        "--interval=200ms"));

    assertThat(exit).isZero();
    JsonNode after = Poll.until(WAIT, "call readable after the replay", () -> get(supervisorToken, callUrl()));
    assertThat(after).isEqualTo(endedCall);
  }

  @Test
  @Order(8)
  void theCallReadsTheSameAfterTheWholeStackRestartsOnItsDataFolder() {
    stack.close();
    stack = null;
    stack = StandaloneStack.start(settings);

    JsonNode after = Poll.until(WAIT, "call readable after a full restart", () -> get(supervisorToken, callUrl()));
    assertThat(after).isEqualTo(endedCall);
  }

  @Test
  @Order(9)
  void aTenantsApiKeyReadsTheCallThroughTheGatewayWithItsRolesOnly() {
    Map.Entry<String, String> key = logins.apiKey(logins.adminToken(), "CRM sync", List.of("supervisor"));
    String keyToken = logins.keyToken(key);

    assertThat(get(keyToken, callUrl())).isEqualTo(endedCall);
    HttpStatus callCreation = http.post().uri("/api/v1/calls").headers(headers -> headers.setBearerAuth(keyToken))
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("queue", "sales"))
        .exchangeToMono(response -> Mono.just(HttpStatus.valueOf(response.statusCode().value())))
        .block(WAIT);
    assertThat(callCreation).as("a supervisor's key creates no calls").isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  @Order(10)
  void aPublicCallPageTradesItsWidgetKeyForACustomerTokenAndCallsWithItsOwnSecret() {
    String shop = "https://shop.example";
    String keyId = post(supervisorToken, "/api/v1/widget-keys",
        Map.of("label", "shop", "allowedOrigins", List.of(shop), "queue", "sales")).path("id").stringValue();
    Poll.until(WAIT, "the widget key to be listed", () ->
        get(supervisorToken, gatewayUrl("/api/v1/widget-keys")).toString().contains(keyId) ? true : null);

    JsonNode answer = json.readTree(http.post().uri("/api/v1/widget/token").header("Origin", shop)
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("key", keyId))
        .retrieve().bodyToMono(String.class).block(WAIT));
    String customer = answer.path("token").stringValue();
    String widgetCall = json.readTree(http.post().uri("/api/v1/calls").header("Origin", shop)
        .headers(headers -> headers.setBearerAuth(customer)).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
        .retrieve().bodyToMono(String.class).block(WAIT)).path("callId").stringValue();

    JsonNode call = Poll.until(WAIT, "the widget's call to be readable by its customer", () -> json.readTree(
        WebClient.create().get().uri(URI.create(gatewayUrl("/api/v1/calls/" + widgetCall))).header("Origin", shop)
            .headers(headers -> headers.setBearerAuth(customer)).retrieve().bodyToMono(String.class).block(WAIT)));
    assertThat(call.path("customerId").stringValue()).isEqualTo(answer.path("customerId").stringValue());
    assertThat(call.path("queue").stringValue()).isEqualTo("sales");
  }

  private static String gatewayUrl(String path) {
    return "http://" + settings.host() + ":" + settings.gatewayPort() + path;
  }

  private static String callUrl() {
    return "http://" + settings.host() + ":" + settings.gatewayPort() + "/api/v1/calls/" + callId;
  }

  private static JsonNode awaitCall(java.util.function.Predicate<JsonNode> condition) {
    return Poll.until(WAIT, "call " + callId + " to match", () -> {
      JsonNode call = get(supervisorToken, callUrl());
      return condition.test(call) ? call : null;
    });
  }

  private static JsonNode get(String token, String url) {
    String body = WebClient.create().get().uri(URI.create(url)).headers(headers -> headers.setBearerAuth(token))
        .retrieve().bodyToMono(String.class).block(WAIT);
    return json.readTree(body);
  }

  private static JsonNode post(String token, String path, Object body) {
    String response = http.post().uri(path).headers(headers -> headers.setBearerAuth(token))
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
        .retrieve().bodyToMono(String.class).defaultIfEmpty("{}").block(WAIT);
    return json.readTree(response);
  }

  private static void put(String token, String path, Object body) {
    http.put().uri(path).headers(headers -> headers.setBearerAuth(token))
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
        .retrieve().toBodilessEntity().block(WAIT);
  }
}
