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
 * A supervisor's forced assignment through the standalone stack (gateway, routing and call-state
 * together on a real broker and PostgreSQL): a call waiting in a queue that its only signed-in agent
 * does not serve is assigned to that agent, whose WebSocket receives the offer and accepts it; a
 * second call assigned to the same agent, now at capacity, and to an agent nobody signed in, is
 * refused by routing, keeps waiting, and its history shows the requests and the refusals.
 */
class ForcedAssignmentIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PASSWORD = "a-long-enough-password";

  private static StandaloneSettings settings;
  private static StandaloneStack stack;
  private static GatewayRequests gateway;
  private static String agentId;
  private static String agentToken;
  private static String customerToken;
  private static String supervisorToken;

  @BeforeAll
  static void startStack() throws IOException {
    Path dataDir = Files.createTempDirectory("switchboard-forced-assignment-it");
    settings = TestPorts.settings(dataDir);
    stack = StandaloneStack.start(settings);
    gateway = new GatewayRequests(settings, WAIT);
    Logins logins = new Logins(settings);
    String admin = logins.adminToken();
    agentId = "agent-" + UUID.randomUUID().toString().substring(0, 8);
    logins.create(admin, agentId, PASSWORD, List.of("agent"), agentId);
    logins.create(admin, "customer-7", PASSWORD, List.of("customer"), null);
    logins.create(admin, "supervisor-7", PASSWORD, List.of("supervisor"), null);
    agentToken = logins.token(agentId, PASSWORD);
    customerToken = logins.token("customer-7", PASSWORD);
    supervisorToken = logins.token("supervisor-7", PASSWORD);
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aSupervisorForceAssignsAWaitingCallTheAgentIsOfferedItAndABusyAgentIsRefused() throws Exception {
    // The agent serves support only: routing's strategy never offers it a sales call.
    answer(agentToken, "POST", "/api/v1/agents/" + agentId + "/sign-in", Map.of(
        "displayName", "Ada", "queues", List.of("support"), "capacity", 1, "channel", "WEBRTC"));
    try (AgentSocket socket = AgentSocket.connect(settings, agentToken)) {
      answer(agentToken, "PUT", "/api/v1/agents/" + agentId + "/status", Map.of("status", "AVAILABLE"));
      String first = newCall();
      awaitCall(first, call -> "QUEUED".equals(call.path("state").asString()));

      Answer assigned = answer(supervisorToken, "POST", "/api/v1/calls/" + first + "/assign",
          Map.of("agentId", agentId));

      assertThat(assigned.status()).isEqualTo(202);
      assertThat(assigned.body().path("agentId").asString()).isEqualTo(agentId);
      JsonNode incoming = socket.await("call:incoming");
      assertThat(incoming.path("data").path("callId").asString()).isEqualTo(first);
      assertThat(incoming.path("data").path("queue").asString()).isEqualTo("sales");
      socket.send("call:accept", Map.of("callId", first));
      assertThat(socket.await("call:accepted").path("data").path("callId").asString()).isEqualTo(first);
      JsonNode connected = awaitCall(first, call -> "CONNECTED".equals(call.path("state").asString()));
      assertThat(connected.path("agentId").asString()).isEqualTo(agentId);
      assertThat(types(connected.path("events"))).contains("CallAssignmentRequested");
      assertThat(decisions(connected)).anyMatch(d -> d.startsWith("RoutingOffered " + agentId));

      // The call is no longer waiting: the gateway says so, naming its state.
      Answer again = answer(supervisorToken, "POST", "/api/v1/calls/" + first + "/assign",
          Map.of("agentId", agentId));
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.body().path("message").asString()).contains("is CONNECTED");

      // A second waiting call: the agent is at capacity, and "ghost" never signed in.
      String second = newCall();
      awaitCall(second, call -> "QUEUED".equals(call.path("state").asString()));
      assertThat(answer(supervisorToken, "POST", "/api/v1/calls/" + second + "/assign",
          Map.of("agentId", agentId)).status()).isEqualTo(202);
      assertThat(answer(supervisorToken, "POST", "/api/v1/calls/" + second + "/assign",
          Map.of("agentId", "ghost")).status()).isEqualTo(202);

      JsonNode refused = awaitCall(second, call -> decisions(call).stream()
          .filter(d -> d.startsWith("AssignmentRefused")).count() == 2);
      assertThat(refused.path("state").asString()).isEqualTo("QUEUED");
      // Both refusals, in either order: the history orders decisions by time, and these two may share a millisecond.
      assertThat(decisions(refused)).filteredOn(d -> d.startsWith("AssignmentRefused")).containsExactlyInAnyOrder(
          "AssignmentRefused " + agentId + " AGENT_AT_CAPACITY", "AssignmentRefused ghost AGENT_UNKNOWN");
      assertThat(types(refused.path("events"))).filteredOn("CallAssignmentRequested"::equals).hasSize(2);
      assertThat(types(refused.path("events"))).filteredOn("AssignmentRefused"::equals).hasSize(2);
      assertThat(socket.frames()).noneMatch(frame -> "call:incoming".equals(frame.path("type").asString())
          && second.equals(frame.path("data").path("callId").asString()));

      // Neither a customer nor an agent may.
      assertThat(answer(customerToken, "POST", "/api/v1/calls/" + second + "/assign",
          Map.of("agentId", agentId)).status()).isEqualTo(403);
      assertThat(answer(agentToken, "POST", "/api/v1/calls/" + second + "/assign",
          Map.of("agentId", agentId)).status()).isEqualTo(403);
    }
  }

  private static String newCall() {
    Answer created = answer(customerToken, "POST", "/api/v1/calls", Map.of("queue", "sales"));
    assertThat(created.status()).isEqualTo(201);
    return created.body().path("callId").asString();
  }

  private static List<String> types(JsonNode lines) {
    List<String> types = new ArrayList<>();
    lines.forEach(line -> types.add(line.path("type").asString()));
    return types;
  }

  /** Each routing decision of the call as "type agentId refusal". */
  private static List<String> decisions(JsonNode call) {
    List<String> lines = new ArrayList<>();
    call.path("routingDecisions").forEach(d -> lines.add(d.path("type").asString() + " "
        + d.path("agentId").asString("") + " " + d.path("refusal").asString("")));
    return lines.stream().map(String::strip).toList();
  }

  private static JsonNode awaitCall(String callId, Predicate<JsonNode> condition) {
    return gateway.awaitCall(supervisorToken, callId, condition);
  }

  private static Answer answer(String token, String method, String path, Object body) {
    return gateway.answer(token, method, path, body);
  }
}
