package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.Skill;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway as it runs: real HTTP and WebSocket on a free port, the shared broker, a stub call-state. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final String tenant = "it-" + UUID.randomUUID().toString().substring(0, 8);
  private CallStateStub callState;
  private ConfigurableApplicationContext gateway;
  private WebTestClient http;
  private int port;
  private EventProducer producer;

  @BeforeAll
  void start() {
    callState = new CallStateStub();
    gateway = GatewayApplication.application().run(
        "--server.port=0",
        "--switchboard.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
        "--switchboard.gateway.call-state-url=" + callState.url(),
        "--switchboard.instance-id=gateway-it-" + UUID.randomUUID());
    port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
    http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(TIMEOUT).build();
    producer = new EventProducer();
    // "latest" starts from the assignment: wait for it, or records produced before it would be missed.
    Poll.until(TIMEOUT, "the event consumer to be assigned its partitions", () -> {
      Map<?, ?> health = http.get().uri("/actuator/health").exchange()
          .expectBody(Map.class).returnResult().getResponseBody();
      Map<?, ?> kafka = (Map<?, ?>) ((Map<?, ?>) health.get("components")).get("kafka");
      Map<?, ?> consumer = (Map<?, ?>) ((Map<?, ?>) kafka.get("details")).get("consumer");
      return ((Number) consumer.get("assignedPartitions")).intValue() > 0 ? Boolean.TRUE : null;
    });
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (producer != null) {
      producer.close();
    }
    if (callState != null) {
      callState.close();
    }
  }

  @Test
  void signInAndStatusPublishAgentEvents() {
    try (EventLog<AgentEvent> agents = EventLog.of(Topics.AGENT_EVENTS)) {
      http.post().uri("/api/v1/agents/ada/sign-in").header("X-Tenant-Id", tenant)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"displayName\":\"Ada\",\"skills\":[{\"name\":\"english\",\"level\":7}],\"queues\":[\"sales\"]}")
          .exchange()
          .expectStatus().isAccepted();
      http.put().uri("/api/v1/agents/ada/status").header("X-Tenant-Id", tenant)
          .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"status\":\"AVAILABLE\"}")
          .exchange()
          .expectStatus().isAccepted();

      List<AgentEvent> events = agents.awaitAll(e -> e.getTenantId().equals(tenant) && e.getAgentId().equals("ada"), 2, TIMEOUT);
      AgentRegistered registered = (AgentRegistered) events.get(0).getPayload();
      assertThat(registered.getSkills()).containsExactly(new Skill("english", 7));
      assertThat(registered.getQueues()).containsExactly("sales");
      assertThat(registered.getCapacity()).isEqualTo(1);
      assertThat(((AgentStatusChanged) events.get(1).getPayload()).getStatus()).isEqualTo(AgentStatus.AVAILABLE);
      assertThat(events.get(0).getSource()).startsWith("gateway-it-");
    }
  }

  @Test
  void createCallPublishesCreatedThenQueued() {
    try (EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      Map<?, ?> body = http.post().uri("/api/v1/calls").header("X-Tenant-Id", tenant)
          .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"queue\":\"sales\",\"customerId\":\"c-42\"}")
          .exchange()
          .expectStatus().isCreated()
          .expectHeader().valueMatches("Location", "/api/v1/calls/.+")
          .expectBody(Map.class).returnResult().getResponseBody();
      String callId = (String) body.get("callId");

      List<CallEvent> events = calls.awaitAll(e -> e.getCallId().equals(callId), 2, TIMEOUT);
      assertThat(events.get(0).getPayload()).isInstanceOf(CallCreated.class);
      assertThat(events.get(1).getPayload()).isEqualTo(new CallQueued("sales", null));
      assertThat(events).allSatisfy(e -> assertThat(e.getTenantId()).isEqualTo(tenant));
    }
  }

  @Test
  void anAgentTakesAndEndsACallOverTheWebSocket() {
    String callId = "call-" + UUID.randomUUID();
    String reservationId = "res-" + UUID.randomUUID();
    try (AgentSocket agent = AgentSocket.connect(port, tenant, "a1");
         EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      agent.send("this is not json");
      assertThat(agent.await("call:error", data -> data.path("message").stringValue("").startsWith("Malformed JSON")))
          .isNotNull();
      agent.awaitReady();

      producer.send(Topics.ROUTING_DECISIONS, callId, decision(callId,
          new RoutingOffered("a1", reservationId, Instant.now().plusSeconds(60))));
      var incoming = agent.await("call:incoming", data -> data.path("callId").stringValue("").equals(callId));
      assertThat(incoming.get("reservationId").stringValue()).isEqualTo(reservationId);
      assertThat(incoming.get("queue").stringValue()).isEqualTo("sales");

      agent.send("{\"type\":\"call:accept\",\"data\":{\"callId\":\"" + callId + "\"}}");
      CallEvent answered = calls.await(e -> e.getCallId().equals(callId) && e.getPayload() instanceof CallAnswered, TIMEOUT);
      assertThat(answered.getPayload()).isEqualTo(new CallAnswered("a1", reservationId));
      assertThat(answered.getTenantId()).isEqualTo(tenant);

      producer.send(Topics.ROUTING_DECISIONS, callId, decision(callId, new ReservationAccepted("a1", reservationId)));
      var accepted = agent.await("call:accepted", data -> data.path("callId").stringValue("").equals(callId));
      assertThat(accepted.get("agentId").stringValue()).isEqualTo("a1");

      callState.put(tenant, callId, "CONNECTED", "a1");
      http.post().uri("/api/v1/calls/" + callId + "/end").header("X-Tenant-Id", tenant)
          .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\":\"resolved\"}")
          .exchange()
          .expectStatus().isAccepted()
          .expectBody().jsonPath("$.outcome").isEqualTo("ENDED");
      CallEvent ended = calls.await(e -> e.getCallId().equals(callId) && e.getPayload() instanceof CallEnded, TIMEOUT);
      assertThat(((CallEnded) ended.getPayload()).getOutcome()).isEqualTo(CallOutcome.ENDED);
      var endedFrame = agent.await("call:ended", data -> data.path("callId").stringValue("").equals(callId));
      assertThat(endedFrame.get("outcome").stringValue()).isEqualTo("ENDED");
      assertThat(endedFrame.get("reason").stringValue()).isEqualTo("resolved");
    }
  }

  @Test
  void acceptingACallThatWasNotOfferedIsAnError() {
    try (AgentSocket agent = AgentSocket.connect(port, tenant, "a2")) {
      agent.awaitReady();
      agent.send("{\"type\":\"call:accept\",\"data\":{\"callId\":\"never-offered\"}}");
      agent.await("call:error", data -> data.path("callId").stringValue("").equals("never-offered"));
    }
  }

  @Test
  void endingAFinishedOrUnknownCallIsRefused() {
    callState.put(tenant, "done-1", "ENDED", "a1");
    http.post().uri("/api/v1/calls/done-1/end").header("X-Tenant-Id", tenant)
        .exchange()
        .expectStatus().isEqualTo(409)
        .expectBody()
        .jsonPath("$.status").isEqualTo(409)
        .jsonPath("$.error").isEqualTo("Conflict")
        .jsonPath("$.message").isEqualTo("Call done-1 is already ENDED")
        .jsonPath("$.path").isEqualTo("/api/v1/calls/done-1/end");
    http.post().uri("/api/v1/calls/nobody-knows/end").header("X-Tenant-Id", tenant)
        .exchange()
        .expectStatus().isNotFound()
        .expectBody().jsonPath("$.message").isEqualTo("Call nobody-knows not found");
  }

  @Test
  void getIsForwardedToCallStateWithTheTenant() {
    callState.put(tenant, "seen-1", "QUEUED", null);
    http.get().uri("/api/v1/calls/seen-1").header("X-Tenant-Id", tenant)
        .exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.state").isEqualTo("QUEUED").jsonPath("$.tenantId").isEqualTo(tenant);
    http.get().uri("/api/v1/calls/seen-1").header("X-Tenant-Id", "someone-else")
        .exchange()
        .expectStatus().isNotFound();
  }

  @Test
  void anUndecodableRecordIsCountedAndTheConsumerCarriesOn() {
    producer.sendRaw(Topics.CALL_EVENTS.name(), "garbage", new byte[] {0x42, 0x42, 0x42});
    Poll.until(TIMEOUT, "the dropped record in the metrics", () -> {
      String metrics = http.get().uri("/actuator/prometheus").exchange()
          .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
      return metrics.lines().anyMatch(line -> line.startsWith("switchboard_records_dropped_total")
          && line.contains("reason=\"undecodable\"")) ? Boolean.TRUE : null;
    });
    http.get().uri("/actuator/health").exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.components.kafka.status").isEqualTo("UP");
  }

  private RoutingDecision decision(String callId, Object payload) {
    return new RoutingDecision(UUID.randomUUID(), tenant, Instant.now(), "routing-test", callId, "sales", null, payload);
  }
}
