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
import io.switchboard.schemas.avro.CallPriorityChanged;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallbackRequested;
import io.switchboard.schemas.avro.OfferRescinded;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.QueueLimit;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingRejected;
import io.switchboard.schemas.avro.RoutingStrategy;
import io.switchboard.schemas.avro.Skill;
import io.switchboard.schemas.avro.SkillRequirement;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway as it runs (the shared {@link TestGateway}), called with real tokens of one tenant. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayIT {

  private static final Duration TIMEOUT = TestGateway.TIMEOUT;

  private final TestGateway gateway = TestGateway.shared();
  private final String tenant = "it-" + UUID.randomUUID().toString().substring(0, 8);
  private final CallStateStub callState = gateway.callState;
  private final RoutingStub routing = gateway.routing;
  private final int port = gateway.port;
  private final WebTestClient supervisor = as("supervisor");
  private final WebTestClient admin = as("admin");
  private final WebTestClient customer = gateway.as(gateway.issuer.token(tenant, "c-42", "customer"));
  /** A supervisor of another tenant. */
  private final WebTestClient stranger = gateway.as(gateway.issuer.token("someone-else", "sup", "supervisor"));
  private EventProducer producer;

  @BeforeAll
  void start() {
    producer = new EventProducer();
  }

  @AfterAll
  void stop() {
    if (producer != null) {
      producer.close();
    }
  }

  private WebTestClient as(String role) {
    return gateway.as(gateway.issuer.token(tenant, role + "-user", role));
  }

  private WebTestClient agent(String agentId) {
    return gateway.as(gateway.issuer.agentToken(tenant, agentId));
  }

  private AgentSocket socket(String agentId) {
    return AgentSocket.connect(port, gateway.issuer.agentToken(tenant, agentId));
  }

  @Test
  void signInAndStatusPublishAgentEvents() {
    try (EventLog<AgentEvent> agents = EventLog.of(Topics.AGENT_EVENTS)) {
      agent("ada").post().uri("/api/v1/agents/ada/sign-in")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"displayName\":\"Ada\",\"skills\":[{\"name\":\"english\",\"level\":7}],\"queues\":[\"sales\"]}")
          .exchange()
          .expectStatus().isAccepted();
      agent("ada").put().uri("/api/v1/agents/ada/status")
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
      Map<?, ?> body = customer.post().uri("/api/v1/calls")
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
    try (AgentSocket agent = socket("a1");
         EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      agent.send("this is not json");
      assertThat(agent.await("call:error", data -> data.path("message").stringValue("").startsWith("Malformed JSON")))
          .isNotNull();
      agent.awaitReady();

      producer.send(Topics.ROUTING_DECISIONS, callId, decision(callId,
          new RoutingOffered("a1", reservationId, Instant.now().plusSeconds(60), false)));
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
      agent("a1").post().uri("/api/v1/calls/" + callId + "/end")
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
    try (AgentSocket agent = socket("a2")) {
      agent.awaitReady();
      agent.send("{\"type\":\"call:accept\",\"data\":{\"callId\":\"never-offered\"}}");
      agent.await("call:error", data -> data.path("callId").stringValue("").equals("never-offered"));
    }
  }

  @Test
  void endingAFinishedOrUnknownCallIsRefused() {
    callState.put(tenant, "done-1", "ENDED", "a1");
    supervisor.post().uri("/api/v1/calls/done-1/end")
        .exchange()
        .expectStatus().isEqualTo(409)
        .expectBody()
        .jsonPath("$.status").isEqualTo(409)
        .jsonPath("$.error").isEqualTo("Conflict")
        .jsonPath("$.message").isEqualTo("Call done-1 is already ENDED")
        .jsonPath("$.path").isEqualTo("/api/v1/calls/done-1/end");
    supervisor.post().uri("/api/v1/calls/nobody-knows/end")
        .exchange()
        .expectStatus().isNotFound()
        .expectBody().jsonPath("$.message").isEqualTo("Call nobody-knows not found");
  }

  @Test
  void getIsForwardedToCallStateWithTheTenant() {
    callState.put(tenant, "seen-1", "QUEUED", null);
    supervisor.get().uri("/api/v1/calls/seen-1")
        .exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.state").isEqualTo("QUEUED").jsonPath("$.tenantId").isEqualTo(tenant);
    stranger.get().uri("/api/v1/calls/seen-1")
        .exchange()
        .expectStatus().isNotFound();
  }

  @Test
  void historyAndReportsAreForwardedWithTenantQueryAndAccept() {
    supervisor.get().uri("/api/v1/calls?queue=sales&state=ENDED&limit=20")
        .exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.tenant").isEqualTo(tenant)
        .jsonPath("$.uri").isEqualTo("/api/v1/calls?queue=sales&state=ENDED&limit=20");
    supervisor.get().uri("/api/v1/calls/active")
        .exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.uri").isEqualTo("/api/v1/calls/active");
    // The agents' list, for the wallboard: the caller's tenant, never one from the request.
    supervisor.get().uri("/api/v1/agents?queue=sales")
        .header("X-Tenant-Id", "someone-else")
        .exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.tenant").isEqualTo(tenant)
        .jsonPath("$.uri").isEqualTo("/api/v1/agents?queue=sales");
    gateway.as(gateway.issuer.agentToken(tenant, "a1")).get().uri("/api/v1/agents")
        .exchange()
        .expectStatus().isForbidden();
    supervisor.get().uri("/api/v1/reports/queues?from=2026-11-22T00:00:00Z&interval=15m")
        .header("Accept", "text/csv")
        .exchange()
        .expectStatus().isOk()
        .expectHeader().contentTypeCompatibleWith("text/csv")
        .expectBody(String.class).isEqualTo("tenant,uri\r\n" + tenant
            + ",\"/api/v1/reports/queues?from=2026-11-22T00:00:00Z&interval=15m\"\r\n");
    // call-state's own refusal passes through, status and message
    supervisor.get().uri("/api/v1/calls?limit=0")
        .exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.message").isEqualTo("limit must be 1 to 500");
  }

  @Test
  void anUndecodableRecordIsCountedAndTheConsumerCarriesOn() {
    // On routing.decisions, which no test here reads from the beginning: an EventLog of it would choke.
    producer.sendRaw(Topics.ROUTING_DECISIONS.name(), "garbage", new byte[] {0x42, 0x42, 0x42});
    Poll.until(TIMEOUT, "the dropped record in the metrics", () -> {
      String metrics = admin.get().uri("/actuator/prometheus").exchange()
          .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
      return metrics.lines().anyMatch(line -> line.startsWith("switchboard_records_dropped_total")
          && line.contains("reason=\"undecodable\"")) ? Boolean.TRUE : null;
    });
    admin.get().uri("/actuator/health").exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.components.kafka.status").isEqualTo("UP");
  }

  @Test
  void aQueuePutIsPublishedAndThenServedFromTheLocalView() {
    try (EventLog<QueueConfig> configs = EventLog.of(Topics.QUEUE_CONFIG)) {
      admin.put().uri("/api/v1/queues/vip")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"strategy\":\"BEST_SKILL_MATCH\",\"priorityBase\":200,\"maxWaitSeconds\":60,"
              + "\"maxWaitAction\":\"OVERFLOW\",\"overflowQueue\":\"premium\","
              + "\"requiredSkills\":[{\"name\":\"english\",\"minLevel\":7}]}")
          .exchange()
          .expectStatus().isOk()
          .expectBody().jsonPath("$.name").isEqualTo("vip").jsonPath("$.serviceLevelSeconds").isEqualTo(20);

      QueueConfig config = configs.await(c -> c.getTenantId().equals(tenant) && c.getQueue().equals("vip"), TIMEOUT);
      assertThat(config.getStrategy()).isEqualTo(RoutingStrategy.BEST_SKILL_MATCH);
      assertThat(config.getRequiredSkills()).containsExactly(new SkillRequirement("english", 7));
      assertThat(configs.seen()).anySatisfy(record -> {
        assertThat(record.key()).isEqualTo(Topics.queueKey(tenant, "vip"));
        assertThat(record.value()).isEqualTo(config);
      });
    }
    Poll.until(TIMEOUT, "the queue in the gateway's view", () -> admin.get().uri("/api/v1/queues/vip")
        .exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.priorityBase").isEqualTo(200).returnResult());
    admin.get().uri("/api/v1/queues").exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.queues[?(@.name == 'vip')].overflowQueue").isEqualTo("premium");
    stranger.get().uri("/api/v1/queues/vip").exchange()
        .expectStatus().isNotFound();
  }

  @Test
  void deletingAQueuePublishesATombstone() {
    String key = Topics.queueKey(tenant, "doomed");
    try (EventLog<QueueConfig> configs = EventLog.of(Topics.QUEUE_CONFIG)) {
      admin.put().uri("/api/v1/queues/doomed").exchange().expectStatus().isOk();
      Poll.until(TIMEOUT, "the queue in the gateway's view", () -> admin.get().uri("/api/v1/queues/doomed")
          .exchange().expectStatus().isOk().returnResult(String.class));

      admin.delete().uri("/api/v1/queues/doomed").exchange()
          .expectStatus().isNoContent();

      Poll.until(TIMEOUT, "a tombstone for " + key, () -> {
        // awaitAll polls the topic; nothing matches a null value, so it fails once it has read what there is.
        try {
          configs.awaitAll(c -> false, 1, Duration.ofMillis(200));
        } catch (AssertionError readWhatThereIs) {
          // expected
        }
        return configs.seen().stream().anyMatch(r -> key.equals(r.key()) && r.value() == null) ? Boolean.TRUE : null;
      });
    }
    Poll.until(TIMEOUT, "the queue gone from the gateway's view", () -> admin.get().uri("/api/v1/queues/doomed")
        .exchange().expectStatus().isNotFound().returnResult(String.class));
  }

  @Test
  void anInvalidQueueIsRefusedWithTheReason() {
    admin.put().uri("/api/v1/queues/sales")
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"overflowQueue\":\"sales\",\"maxNoAnswer\":0}")
        .exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.message").isEqualTo("Invalid queue config: overflowQueue must differ from the "
            + "queue itself; maxNoAnswer must be at least 1, got 0");
  }

  @Test
  void patchAndCallbackPublishTheirEventsForAWaitingCall() {
    callState.put(tenant, "waiting-1", "QUEUED", null);
    try (EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      supervisor.patch().uri("/api/v1/calls/waiting-1")
          .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"priority\":400,\"tags\":[\"escalation\"]}")
          .exchange()
          .expectStatus().isAccepted();
      supervisor.post().uri("/api/v1/calls/waiting-1/callback")
          .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"number\":\"+4930123456\"}")
          .exchange()
          .expectStatus().isAccepted();

      List<CallEvent> events = calls.awaitAll(e -> e.getTenantId().equals(tenant)
          && e.getCallId().equals("waiting-1"), 2, TIMEOUT);
      assertThat(events.get(0).getPayload()).isEqualTo(new CallPriorityChanged(400, Map.of(), List.of("escalation")));
      assertThat(events.get(1).getPayload()).isEqualTo(new CallbackRequested("+4930123456"));
    }
    callState.put(tenant, "talking-1", "CONNECTED", "a1");
    supervisor.post().uri("/api/v1/calls/talking-1/callback").exchange()
        .expectStatus().isEqualTo(409);
  }

  @Test
  void queueStatsAreForwardedToRoutingWithTheTenant() {
    routing.put(tenant, "vip", 3);
    supervisor.get().uri("/api/v1/queues/vip/stats").exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.waiting").isEqualTo(3).jsonPath("$.tenantId").isEqualTo(tenant);
    stranger.get().uri("/api/v1/queues/vip/stats").exchange()
        .expectStatus().isNotFound();
  }

  @Test
  void aRejectedWebRtcCallIsEndedAsFailedAndARescindedOfferStopsRinging() {
    try (AgentSocket agent = socket("a3");
         EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      agent.awaitReady();
      String callId = (String) customer.post().uri("/api/v1/calls")
          .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"queue\":\"full\"}")
          .exchange().expectStatus().isCreated()
          .expectBody(Map.class).returnResult().getResponseBody().get("callId");
      producer.send(Topics.ROUTING_DECISIONS, callId, decision(callId, new RoutingOffered("a3", "res-a3",
          Instant.now().plusSeconds(60), false)));
      agent.await("call:incoming", data -> data.path("callId").stringValue("").equals(callId));

      producer.send(Topics.ROUTING_DECISIONS, callId, decision(callId, new OfferRescinded("a3", "res-a3")));
      var declined = agent.await("call:declined", data -> data.path("callId").stringValue("").equals(callId));
      assertThat(declined.get("reason").stringValue()).isEqualTo("rescinded");

      RoutingDecision rejected = decision(callId, new RoutingRejected(QueueLimit.CAPACITY));
      producer.send(Topics.ROUTING_DECISIONS, callId, rejected);
      CallEvent ended = calls.await(e -> e.getCallId().equals(callId) && e.getPayload() instanceof CallEnded, TIMEOUT);
      assertThat(ended.getPayload()).isEqualTo(new CallEnded(CallOutcome.FAILED, "queue full", null));
      assertThat(ended.getEventId()).isEqualTo(UUID.nameUUIDFromBytes(
          ("rejected/" + rejected.getEventId()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  private RoutingDecision decision(String callId, Object payload) {
    return new RoutingDecision(UUID.randomUUID(), tenant, Instant.now(), "routing-test", callId, "sales", null, payload);
  }
}
