package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallDeclined;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
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

/**
 * A gateway of its own with a short presence grace: a page gone past it takes its agent OFFLINE and
 * ends its calls; one back within it keeps its offers; an offer to an agent without a session is declined.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresenceIT {

  private final TestIssuer issuer = TestIssuer.shared();
  private final CallStateStub callState = new CallStateStub();
  private final String tenant = "pres-" + UUID.randomUUID().toString().substring(0, 8);
  private ConfigurableApplicationContext context;
  private int port;

  @BeforeAll
  void start() {
    context = TestGateway.start(TestGateway.args("gateway-presence-" + UUID.randomUUID(), callState.url(),
        "--switchboard.gateway.ws.presence-grace=3s"));
    port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    TestGateway.awaitAssigned(client(issuer.token("ops", "ops-admin", "admin")));
  }

  @AfterAll
  void stop() {
    context.close();
    callState.close();
  }

  private WebTestClient client(String token) {
    return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(TestGateway.TIMEOUT)
        .defaultHeaders(headers -> headers.setBearerAuth(token)).build();
  }

  private RoutingDecision offer(String callId, String agentId) {
    return new RoutingDecision(UUID.randomUUID(), tenant, Instant.now(), "routing-test", callId, "sales", null,
        new RoutingOffered(agentId, "res-" + callId, Instant.now().plusSeconds(300), false));
  }

  private static boolean offline(AgentEvent event, String tenant, String agentId) {
    return event.getTenantId().equals(tenant) && event.getAgentId().equals(agentId)
        && event.getPayload() instanceof AgentStatusChanged changed && changed.getStatus() == AgentStatus.OFFLINE;
  }

  @Test
  void anAgentWhosePageStaysGoneGoesOfflineAndItsAnsweredCallEnds() {
    String callId = "call-" + UUID.randomUUID();
    try (EventLog<AgentEvent> agents = EventLog.of(Topics.AGENT_EVENTS);
         EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS);
         EventProducer producer = new EventProducer()) {
      AgentSocket desk = AgentSocket.connect(port, issuer.agentToken(tenant, "gone"));
      desk.awaitReady();
      producer.send(Topics.ROUTING_DECISIONS, callId, offer(callId, "gone"));
      desk.await("call:incoming", data -> data.path("callId").stringValue("").equals(callId));
      desk.send("{\"type\":\"call:accept\",\"data\":{\"callId\":\"" + callId + "\"}}");
      calls.await(e -> e.getCallId().equals(callId) && e.getPayload() instanceof CallAnswered,
          TestGateway.TIMEOUT);

      desk.close();

      AgentStatusChanged changed = (AgentStatusChanged) agents.await(e -> offline(e, tenant, "gone"),
          TestGateway.TIMEOUT).getPayload();
      assertThat(changed.getReason()).contains("page was gone");
      CallEnded ended = (CallEnded) calls.await(e -> e.getCallId().equals(callId) && e.getPayload() instanceof CallEnded,
          TestGateway.TIMEOUT).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.ENDED);
      assertThat(ended.getReason()).contains("agent's page was gone");

      // Gone and known to use the WebSocket: a new offer is declined rather than left ringing.
      String next = "call-" + UUID.randomUUID();
      producer.send(Topics.ROUTING_DECISIONS, next, offer(next, "gone"));
      CallDeclined declined = (CallDeclined) calls.await(e -> e.getCallId().equals(next)
          && e.getPayload() instanceof CallDeclined, TestGateway.TIMEOUT).getPayload();
      assertThat(declined.getAgentId()).isEqualTo("gone");
      assertThat(declined.getReservationId()).isEqualTo("res-" + next);
      assertThat(declined.getReason()).isEqualTo("no WebSocket session");
    }
  }

  @Test
  void aPageReloadedWithinTheGraceGetsItsRingingOfferAgainAndStaysOnline() {
    String callId = "call-" + UUID.randomUUID();
    try (EventLog<AgentEvent> agents = EventLog.of(Topics.AGENT_EVENTS);
         EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS);
         EventProducer producer = new EventProducer()) {
      AgentSocket before = AgentSocket.connect(port, issuer.agentToken(tenant, "reloads"));
      before.awaitReady();
      producer.send(Topics.ROUTING_DECISIONS, callId, offer(callId, "reloads"));
      before.await("call:incoming", data -> data.path("callId").stringValue("").equals(callId));
      before.close();

      try (AgentSocket after = AgentSocket.connect(port, issuer.agentToken(tenant, "reloads"))) {
        after.await("call:incoming", data -> data.path("callId").stringValue("").equals(callId)
            && data.path("reservationId").stringValue("").equals("res-" + callId));
        // The re-sent offer can be accepted from the new page.
        after.send("{\"type\":\"call:accept\",\"data\":{\"callId\":\"" + callId + "\"}}");
        calls.await(e -> e.getCallId().equals(callId) && e.getPayload() instanceof CallAnswered,
            TestGateway.TIMEOUT);

        // A witness closed after the reload: once its grace has run out, so has the first page's.
        AgentSocket witness = AgentSocket.connect(port, issuer.agentToken(tenant, "witness"));
        witness.awaitReady();
        witness.close();
        agents.await(e -> offline(e, tenant, "witness"), TestGateway.TIMEOUT);

        assertThat(agents.seen()).noneMatch(record -> offline(record.value(), tenant, "reloads"));
        assertThat(calls.seen()).noneMatch(record -> record.key().equals(callId)
            && (record.value().getPayload() instanceof CallEnded || record.value().getPayload() instanceof CallDeclined));
      }
    }
  }

  @Test
  void aCustomerWhosePageStaysGoneHasItsCallEnded() {
    String token = issuer.token(tenant, "cust-gone", "customer");
    try (EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      AgentSocket page = AgentSocket.connect(port, token);
      page.awaitReady();
      Map<?, ?> created = client(token).post().uri("/api/v1/calls").contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("queue", "sales")).exchange().expectStatus().isCreated()
          .expectBody(Map.class).returnResult().getResponseBody();
      String callId = (String) created.get("callId");
      page.await("call:queued", data -> data.path("callId").stringValue("").equals(callId));
      callState.put(tenant, callId, "CONNECTED", "a1", "cust-gone");

      page.close();

      CallEnded ended = (CallEnded) calls.await(e -> e.getCallId().equals(callId) && e.getPayload() instanceof CallEnded,
          TestGateway.TIMEOUT).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.ENDED);
      assertThat(ended.getReason()).contains("customer's page was gone");
      assertThat(ended.getEndedBy()).isEqualTo("cust-gone");
    }
  }
}
