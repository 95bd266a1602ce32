package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.TestIssuer;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The participant frames between a call's parties on two gateway instances: the customer on a second
 * gateway, the agent on the shared one, routing played by the test. The agent's answer makes it join,
 * its mute is an update, the customer's hang-up makes the customer leave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParticipantsIT {

  private final TestGateway one = TestGateway.shared();
  private final TestIssuer issuer = one.issuer;
  private final String tenant = "part-" + UUID.randomUUID().toString().substring(0, 8);
  private ConfigurableApplicationContext twoContext;
  private int two;

  @BeforeAll
  void secondInstance() {
    twoContext = TestGateway.start(TestGateway.args("gateway-it-two-" + UUID.randomUUID(), one.callState.url()));
    two = Integer.parseInt(twoContext.getEnvironment().getProperty("local.server.port"));
    TestGateway.awaitAssigned(client(two, issuer.token("ops", "ops-admin", "admin")));
  }

  @AfterAll
  void stop() {
    twoContext.close();
  }

  private WebTestClient client(int port, String token) {
    return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(TestGateway.TIMEOUT)
        .defaultHeaders(headers -> headers.setBearerAuth(token)).build();
  }

  private static boolean about(JsonNode data, String callId, String participantId) {
    return data.path("callId").stringValue("").equals(callId)
        && data.path("participant").path("id").stringValue("").equals(participantId);
  }

  @Test
  void theCustomerSeesTheAgentJoinAndMuteAndTheAgentSeesTheCustomerLeave() {
    String customerToken = issuer.token(tenant, "cust-1", "customer");
    try (AgentSocket customer = AgentSocket.connect(two, customerToken);
         AgentSocket agent = AgentSocket.connect(one.port, issuer.agentToken(tenant, "a1"));
         EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS);
         EventProducer routing = new EventProducer()) {
      customer.awaitReady();
      agent.awaitReady();
      Map<?, ?> created = client(two, customerToken).post().uri("/api/v1/calls").contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("queue", "sales")).exchange().expectStatus().isCreated()
          .expectBody(Map.class).returnResult().getResponseBody();
      String callId = (String) created.get("callId");
      customer.await("call:queued", data -> data.path("callId").stringValue("").equals(callId));

      routing.send(Topics.ROUTING_DECISIONS, callId, new RoutingDecision(UUID.randomUUID(), tenant, Instant.now(),
          "routing-test", callId, "sales", null, new RoutingOffered("a1", "r-1", Instant.now().plusSeconds(60), false)));
      agent.await("call:incoming", data -> data.path("callId").stringValue("").equals(callId));
      agent.send("{\"type\":\"call:accept\",\"data\":{\"callId\":\"" + callId + "\"}}");
      calls.await(e -> e.getCallId().equals(callId) && e.getPayload() instanceof CallAnswered, TestGateway.TIMEOUT);
      one.callState.put(tenant, callId, "CONNECTED", "a1", "cust-1");
      routing.send(Topics.ROUTING_DECISIONS, callId, new RoutingDecision(UUID.randomUUID(), tenant, Instant.now(),
          "routing-test", callId, "sales", "agent a1 answered", new ReservationAccepted("a1", "r-1")));

      JsonNode joined = customer.await("call:participant_joined", data -> about(data, callId, "a1"));
      assertThat(joined.path("participant").path("role").stringValue()).isEqualTo("AGENT");
      assertThat(joined.path("participant").path("audio").booleanValue()).isTrue();
      assertThat(joined.path("onHold").booleanValue()).isFalse();
      JsonNode there = agent.await("call:participant_joined", data -> about(data, callId, "customer"));
      assertThat(there.path("participant").path("role").stringValue()).isEqualTo("CUSTOMER");

      agent.send("{\"type\":\"call:toggle_audio\",\"data\":{\"callId\":\"" + callId + "\",\"enabled\":false}}");
      JsonNode muted = customer.await("call:participant_updated", data -> about(data, callId, "a1"));
      assertThat(muted.path("participant").path("audio").booleanValue()).isFalse();
      assertThat(muted.path("participant").path("video").booleanValue()).isFalse();

      customer.send("{\"type\":\"call:end\",\"data\":{\"callId\":\"" + callId + "\",\"reason\":\"bye\"}}");
      JsonNode left = agent.await("call:participant_left", data -> about(data, callId, "customer"));
      assertThat(left.path("reason").stringValue()).isEqualTo("bye");
      agent.await("call:ended", data -> data.path("callId").stringValue("").equals(callId));
      customer.await("call:participant_left", data -> about(data, callId, "a1"));
    }
  }
}
