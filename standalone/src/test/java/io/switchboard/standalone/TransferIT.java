package io.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.standalone.GatewayRequests.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Call control through the standalone stack (gateway, routing and call-state on a real broker and PostgreSQL):
 * the agent of a sales call holds and resumes it, transfers it blind to the billing queue, whose agent's
 * WebSocket is offered the same call and accepts it; that agent transfers it back to the first agent by name,
 * who accepts, ends it and wraps it up with a disposition that shows in the call's detail and the agent's
 * history. Wrong states are 409s, wrong callers 403 or 404.
 */
class TransferIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PASSWORD = "a-long-enough-password";

  private static StandaloneSettings settings;
  private static StandaloneStack stack;
  private static GatewayRequests gateway;
  private static String salesAgent;
  private static String billingAgent;
  private static String salesToken;
  private static String billingToken;
  private static String customerToken;
  private static String supervisorToken;

  @BeforeAll
  static void startStack() throws IOException {
    Path dataDir = Files.createTempDirectory("switchboard-transfer-it");
    settings = TestPorts.settings(dataDir);
    stack = StandaloneStack.start(settings);
    gateway = new GatewayRequests(settings, WAIT);
    Logins logins = new Logins(settings);
    String admin = logins.adminToken();
    salesAgent = "sales-" + UUID.randomUUID().toString().substring(0, 8);
    billingAgent = "billing-" + UUID.randomUUID().toString().substring(0, 8);
    logins.create(admin, salesAgent, PASSWORD, List.of("agent"), salesAgent);
    logins.create(admin, billingAgent, PASSWORD, List.of("agent"), billingAgent);
    logins.create(admin, "customer-8", PASSWORD, List.of("customer"), null);
    logins.create(admin, "supervisor-8", PASSWORD, List.of("supervisor"), null);
    salesToken = logins.token(salesAgent, PASSWORD);
    billingToken = logins.token(billingAgent, PASSWORD);
    customerToken = logins.token("customer-8", PASSWORD);
    supervisorToken = logins.token("supervisor-8", PASSWORD);
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void holdTransferToAQueueTransferToAnAgentEndAndWrapUp() throws Exception {
    signIn(salesToken, salesAgent, "sales");
    signIn(billingToken, billingAgent, "billing");
    try (AgentSocket sales = AgentSocket.connect(settings, salesToken);
        AgentSocket billing = AgentSocket.connect(settings, billingToken)) {
      available(salesToken, salesAgent);
      available(billingToken, billingAgent);
      Answer created = answer(customerToken, "POST", "/api/v1/calls", Map.of("queue", "sales"));
      assertThat(created.status()).isEqualTo(201);
      String callId = created.body().path("callId").asString();
      accept(sales, callId, salesAgent);

      // Hold and resume; a second resume is a conflict naming the states.
      assertThat(answer(salesToken, "POST", "/api/v1/calls/" + callId + "/hold", null).status()).isEqualTo(202);
      awaitCall(callId, call -> "ON_HOLD".equals(state(call)));
      assertThat(answer(salesToken, "POST", "/api/v1/calls/" + callId + "/resume", null).status()).isEqualTo(202);
      awaitCall(callId, call -> "CONNECTED".equals(state(call)) && call.path("holdMs").asLong() >= 0
          && call.path("holdCount").asInt() == 1);
      Answer resumedAgain = answer(salesToken, "POST", "/api/v1/calls/" + callId + "/resume", null);
      assertThat(resumedAgain.status()).isEqualTo(409);
      assertThat(resumedAgain.body().path("message").asString())
          .startsWith("Call " + callId + " is CONNECTED; only ON_HOLD calls can be resumed");
      Answer early = answer(salesToken, "POST", "/api/v1/calls/" + callId + "/wrap-up", Map.of("disposition", "x"));
      assertThat(early.status()).isEqualTo(409);
      // The customer may hang up only; another agent does not see the call.
      assertThat(answer(customerToken, "POST", "/api/v1/calls/" + callId + "/hold", null).status()).isEqualTo(403);
      assertThat(answer(billingToken, "POST", "/api/v1/calls/" + callId + "/transfer",
          Map.of("queue", "sales")).status()).isEqualTo(404);

      // Blind transfer to the billing queue: the same call is offered to the billing agent.
      Answer toQueue = answer(salesToken, "POST", "/api/v1/calls/" + callId + "/transfer", Map.of("queue", "billing"));
      assertThat(toQueue.status()).isEqualTo(202);
      accept(billing, callId, billingAgent);
      assertThat(answer(salesToken, "POST", "/api/v1/calls/" + callId + "/hold", null).status()).isEqualTo(404);

      // Blind transfer back to the sales agent by name, who was released after the first transfer.
      Answer toAgent = answer(billingToken, "POST", "/api/v1/calls/" + callId + "/transfer",
          Map.of("agentId", salesAgent));
      assertThat(toAgent.status()).isEqualTo(202);
      JsonNode connected = accept(sales, callId, salesAgent);
      assertThat(decisions(connected)).contains("RoutingOffered " + billingAgent, "RoutingOffered " + salesAgent);

      assertThat(answer(salesToken, "POST", "/api/v1/calls/" + callId + "/end", Map.of()).status()).isEqualTo(202);
      awaitCall(callId, call -> "ENDED".equals(state(call)));
      assertThat(answer(salesToken, "POST", "/api/v1/calls/" + callId + "/transfer",
          Map.of("queue", "billing")).status()).isEqualTo(409);
      Answer wrapped = answer(salesToken, "POST", "/api/v1/calls/" + callId + "/wrap-up",
          Map.of("disposition", "resolved", "notes", "moved to billing and back"));
      assertThat(wrapped.status()).isEqualTo(202);

      JsonNode detail = awaitCall(callId, call -> "resolved".equals(call.path("disposition").asString("")));
      assertThat(detail.path("agentId").asString()).isEqualTo(salesAgent);
      assertThat(detail.path("transferCount").asInt()).isEqualTo(2);
      assertThat(detail.path("holdCount").asInt()).isEqualTo(1);
      assertThat(detail.path("talkMs").isNumber()).isTrue();
      assertThat(detail.path("dispositionNotes").asString()).isEqualTo("moved to billing and back");
      assertThat(types(detail.path("events"))).contains("CallHeld", "CallResumed", "CallTransferred",
          "CallWrappedUp");
      Answer history = answer(salesToken, "GET", "/api/v1/calls", null);
      assertThat(history.status()).isEqualTo(200);
      List<JsonNode> mine = new ArrayList<>();
      history.body().path("items").forEach(mine::add);
      assertThat(mine).anySatisfy(call -> {
        assertThat(call.path("callId").asString()).isEqualTo(callId);
        assertThat(call.path("disposition").asString()).isEqualTo("resolved");
        assertThat(call.path("transferCount").asInt()).isEqualTo(2);
      });
    }
  }

  private static void signIn(String token, String agentId, String queue) {
    assertThat(answer(token, "POST", "/api/v1/agents/" + agentId + "/sign-in", Map.of(
        "displayName", agentId, "queues", List.of(queue), "capacity", 1, "channel", "WEBRTC")).status() / 100)
        .isEqualTo(2);
  }

  private static void available(String token, String agentId) {
    assertThat(answer(token, "PUT", "/api/v1/agents/" + agentId + "/status", Map.of("status", "AVAILABLE"))
        .status() / 100).isEqualTo(2);
  }

  /** The agent's socket is offered the call, accepts it, and call-state shows it connected to that agent. */
  private static JsonNode accept(AgentSocket socket, String callId, String agentId) throws InterruptedException {
    JsonNode incoming = socket.await("call:incoming");
    assertThat(incoming.path("data").path("callId").asString()).isEqualTo(callId);
    socket.send("call:accept", Map.of("callId", callId));
    assertThat(socket.await("call:accepted").path("data").path("callId").asString()).isEqualTo(callId);
    return awaitCall(callId, call -> "CONNECTED".equals(state(call)) && agentId.equals(call.path("agentId").asString()));
  }

  private static String state(JsonNode call) {
    return call.path("state").asString();
  }

  private static List<String> types(JsonNode lines) {
    List<String> types = new ArrayList<>();
    lines.forEach(line -> types.add(line.path("type").asString()));
    return types;
  }

  /** Each routing decision of the call as "type agentId". */
  private static List<String> decisions(JsonNode call) {
    List<String> lines = new ArrayList<>();
    call.path("routingDecisions").forEach(d -> lines.add((d.path("type").asString() + " "
        + d.path("agentId").asString("")).strip()));
    return lines;
  }

  private static JsonNode awaitCall(String callId, Predicate<JsonNode> condition) {
    return gateway.awaitCall(supervisorToken, callId, condition);
  }

  private static Answer answer(String token, String method, String path, Object body) {
    return gateway.answer(token, method, path, body);
  }
}
