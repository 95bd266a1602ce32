package io.switchboard.callstate;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentChannel;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.AssignmentRefusalReason;
import io.switchboard.schemas.avro.AssignmentRefused;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallAssignmentRequested;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallHeld;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallResumed;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.CallWrappedUp;
import io.switchboard.schemas.avro.DtmfMethod;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.avro.TransferTargetType;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.avro.Skill;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.SharedPostgres;
import io.switchboard.testsupport.TestDatabase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

class CallStateIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

  private static TestDatabase database;
  private static EventProducer producer;
  private static ConfigurableApplicationContext context;
  private static WebTestClient http;

  private final String tenant = "it-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void startService() {
    database = SharedPostgres.newDatabase("callstate");
    producer = new EventProducer();
    start();
  }

  @AfterAll
  static void stopService() {
    context.close();
    producer.close();
  }

  @Test
  void projectsACompleteCallIntoTheCallView() {
    String callId = "call-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    sendCompleteCall(callId, t0);

    Map<String, Object> view = awaitState(callId, "ENDED");
    assertThat(view).containsEntry("callId", callId).containsEntry("tenantId", tenant)
        .containsEntry("outcome", "ENDED").containsEntry("queue", "sales").containsEntry("agentId", "a1")
        .containsEntry("customerId", "c-42").containsEntry("direction", "INBOUND")
        .containsEntry("channel", "WEBRTC").containsEntry("priority", 175)
        .containsEntry("attributes", Map.of("vip", "true")).containsEntry("tags", List.of("urgent"))
        .containsEntry("createdAt", iso(t0)).containsEntry("queuedAt", iso(t0.plusMillis(100)))
        .containsEntry("offeredAt", iso(t0.plusMillis(900))).containsEntry("answeredAt", iso(t0.plusMillis(1300)))
        .containsEntry("endedAt", iso(t0.plusMillis(65_400))).containsEntry("endReason", null)
        .containsEntry("waitMs", 1200).containsEntry("talkMs", 64_100).containsEntry("durationMs", 65_400);
    assertThat(database.query("SELECT type FROM routing_decisions WHERE call_id = ? ORDER BY occurred_at", callId))
        .extracting(row -> row.get("type"))
        .containsExactly("RoutingQueued", "RoutingOffered", "ReservationAccepted");
  }

  @Test
  void anotherTenantDoesNotSeeTheCall() {
    String callId = "call-" + UUID.randomUUID();
    sendCompleteCall(callId, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    awaitState(callId, "ENDED");

    Map<String, Object> error = http.get().uri("/api/v1/calls/{id}", callId).header("X-Tenant-Id", "someone-else")
        .exchange().expectStatus().isNotFound().expectBody(JSON).returnResult().getResponseBody();

    assertThat(error).containsEntry("status", 404).containsEntry("error", "Not Found")
        .containsEntry("path", "/api/v1/calls/" + callId);
    assertThat((String) error.get("message")).contains(callId);
  }

  @Test
  void anInvalidTenantHeaderIsABadRequest() {
    Map<String, Object> error = http.get().uri("/api/v1/calls/whatever").header("X-Tenant-Id", "no spaces!")
        .exchange().expectStatus().isBadRequest().expectBody(JSON).returnResult().getResponseBody();

    assertThat(error).containsEntry("status", 400).containsEntry("error", "Bad Request");
    assertThat((String) error.get("message")).contains("X-Tenant-Id");
  }

  @Test
  void aGarbageRecordIsSkippedAndCountedAndLaterRecordsStillProject() {
    String callId = "call-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    producer.sendRaw(Topics.CALL_EVENTS.name(), callId, "not avro".getBytes(StandardCharsets.UTF_8));
    send(callEvent(callId, t0, created()));
    send(callEvent(callId, t0.plusMillis(10), new CallQueued("sales", null)));

    awaitState(callId, "QUEUED");
    String metrics = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
        .expectBody(String.class).returnResult().getResponseBody();
    assertThat(metrics).containsPattern("switchboard_records_dropped_total\\{[^}]*reason=\"undecodable\"[^}]*} [1-9]");
    assertThat(metrics).containsPattern("switchboard_projection_events_total(\\{[^}]*})? [1-9]");
    assertThat(count("SELECT count(*) AS n FROM call_events WHERE call_id = ?", callId)).isEqualTo(2);
  }

  @Test
  void theHistoryShowsAForcedAssignmentItsRefusalAndTheForcedOfferOnceEach() {
    String callId = "call-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    RoutingDecision refused = decision(callId, t0.plusSeconds(2),
        new AssignmentRefused("a7", AssignmentRefusalReason.AGENT_AT_CAPACITY));

    send(callEvent(callId, t0, created()));
    send(callEvent(callId, t0.plusMillis(100), new CallQueued("sales", null)));
    send(decision(callId, t0.plusMillis(150), new RoutingQueued(1, 175)));
    send(callEvent(callId, t0.plusSeconds(2), new CallAssignmentRequested("a7", "sup-1")));
    send(refused);
    send(refused); // delivered twice: one fact
    // A decision of a later release, which this one cannot read, does not stop the projection.
    producer.sendRaw(Topics.ROUTING_DECISIONS.name(), callId, laterRelease(callId, t0.plusSeconds(3)));
    send(callEvent(callId, t0.plusSeconds(4), new CallAssignmentRequested("a1", "sup-1")));
    send(decision(callId, t0.plusSeconds(4), new RoutingOffered("a1", "r-9", t0.plusSeconds(19), false)));

    Map<String, Object> view = awaitState(callId, "RINGING");

    assertThat(view).containsEntry("agentId", "a1").containsEntry("offeredAt", iso(t0.plusSeconds(4)));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events = (List<Map<String, Object>>) view.get("events");
    assertThat(events).extracting(event -> event.get("type")).containsExactly("CallCreated", "CallQueued",
        "RoutingQueued", "CallAssignmentRequested", "AssignmentRefused", "CallAssignmentRequested", "RoutingOffered");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> decisions = (List<Map<String, Object>>) view.get("routingDecisions");
    assertThat(decisions).extracting(d -> d.get("type") + " " + d.get("agentId") + " " + d.get("refusal"))
        .containsExactly("RoutingQueued null null", "AssignmentRefused a7 AGENT_AT_CAPACITY", "RoutingOffered a1 null");
    assertThat(count("SELECT count(*) AS n FROM call_events WHERE call_id = ?", callId)).isEqualTo(7);
  }

  @Test
  void aHeldCallIsOnHoldUntilResumedAndItsHoldTimeIsCounted() {
    String callId = "call-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    send(callEvent(callId, t0, created()));
    send(callEvent(callId, t0.plusMillis(100), new CallQueued("sales", null)));
    send(decision(callId, t0.plusMillis(500), new RoutingOffered("a1", "r-1", t0.plusSeconds(20), false)));
    send(callEvent(callId, t0.plusMillis(1_000), new CallAnswered("a1", "r-1")));

    send(callEvent(callId, t0.plusMillis(2_000), new CallHeld("a1")));
    Map<String, Object> held = awaitState(callId, "ON_HOLD");
    send(callEvent(callId, t0.plusMillis(6_500), new CallResumed("a1")));
    Map<String, Object> resumed = awaitState(callId, "CONNECTED");

    assertThat(held).containsEntry("heldAt", iso(t0.plusMillis(2_000))).containsEntry("holdCount", 1)
        .containsEntry("holdMs", 0);
    assertThat(resumed).containsEntry("holdCount", 1).containsEntry("holdMs", 4_500);
  }

  @Test
  void aTransferredCallsWrapUpShowsInItsDetailAndInTheNewAgentsHistory() {
    String callId = "call-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    send(callEvent(callId, t0, created()));
    send(callEvent(callId, t0.plusMillis(100), new CallQueued("sales", null)));
    send(decision(callId, t0.plusMillis(500), new RoutingOffered("a1", "r-1", t0.plusSeconds(20), false)));
    send(callEvent(callId, t0.plusMillis(1_000), new CallAnswered("a1", "r-1")));
    send(callEvent(callId, t0.plusMillis(2_000), new CallTransferred(TransferTargetType.AGENT, "b1", "a1")));
    send(decision(callId, t0.plusMillis(2_010), new RoutingQueued(1, 175)));
    send(decision(callId, t0.plusMillis(2_020), new RoutingOffered("b1", "r-2", t0.plusSeconds(20), false)));
    send(callEvent(callId, t0.plusMillis(3_000), new CallAnswered("b1", "r-2")));
    send(callEvent(callId, t0.plusMillis(9_000), new CallEnded(CallOutcome.ENDED, null, "b1")));
    send(callEvent(callId, t0.plusMillis(12_000), new CallWrappedUp("b1", "resolved", "refund sent")));

    Map<String, Object> detail = Poll.until(PATIENCE, "call " + callId + " wrapped up", () -> {
      Map<String, Object> view = awaitState(callId, "ENDED");
      return "resolved".equals(view.get("disposition")) ? view : null;
    });
    Map<String, Object> history = http.get().uri("/api/v1/calls?agent=b1").header("X-Tenant-Id", tenant).exchange()
        .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();

    assertThat(detail).containsEntry("agentId", "b1").containsEntry("transferCount", 1)
        .containsEntry("dispositionNotes", "refund sent").containsEntry("wrappedUpBy", "b1")
        .containsEntry("wrappedUpAt", iso(t0.plusMillis(12_000))).containsEntry("talkMs", 8_000);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) history.get("items");
    assertThat(items).singleElement().satisfies(call -> assertThat(call).containsEntry("callId", callId)
        .containsEntry("disposition", "resolved").containsEntry("transferCount", 1));
  }

  @Test
  void theCallViewListsItsKeyPressesInItsTimelineAndKeepsItsFigures() {
    String callId = "call-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    send(callEvent(callId, t0, created()));
    send(callEvent(callId, t0.plusMillis(100), new CallQueued("sales", null)));
    send(decision(callId, t0.plusMillis(500), new RoutingOffered("a1", "r-1", t0.plusSeconds(20), false)));
    send(callEvent(callId, t0.plusMillis(1_000), new CallAnswered("a1", "r-1")));
    CallEvent pressed = callEvent(callId, t0.plusMillis(2_500), new DtmfReceived("customer", "4", 90, DtmfMethod.RFC4733));
    send(pressed);
    send(pressed); // delivered twice: one key press
    send(callEvent(callId, t0.plusMillis(3_000), new DtmfReceived("a1", "*", null, DtmfMethod.SIP_INFO)));
    send(callEvent(callId, t0.plusMillis(6_000), new CallEnded(CallOutcome.ENDED, null, "customer")));

    Map<String, Object> view = Poll.until(PATIENCE, "call " + callId + " ended and answered", () -> {
      Map<String, Object> ended = awaitState(callId, "ENDED");
      return ended.get("talkMs") == null ? null : ended;
    });

    assertThat(view).containsEntry("waitMs", 900).containsEntry("talkMs", 5_000).containsEntry("holdMs", 0);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events = (List<Map<String, Object>>) view.get("events");
    assertThat(events).extracting(event -> event.get("type")).containsExactly("CallCreated", "CallQueued",
        "RoutingOffered", "CallAnswered", "DtmfReceived", "DtmfReceived", "CallEnded");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> keyPresses = (List<Map<String, Object>>) view.get("keyPresses");
    assertThat(keyPresses).extracting(p -> p.get("participantId") + " " + p.get("digit") + " " + p.get("method") + " "
        + p.get("durationMs") + " " + p.get("occurredAt")).containsExactly(
            "customer 4 RFC4733 90 " + iso(t0.plusMillis(2_500)), "a1 * SIP_INFO null " + iso(t0.plusMillis(3_000)));
  }

  @Test
  void projectsAgentsAndTheirStatusHistory() {
    String agentId = "agent-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    producer.send(Topics.AGENT_EVENTS, agentId, new AgentEvent(UUID.randomUUID(), tenant, t0, "it", agentId,
        new AgentRegistered("Ada", List.of(new Skill("english", 7)), List.of("sales"), 1, AgentChannel.WEBRTC, null)));
    producer.send(Topics.AGENT_EVENTS, agentId, new AgentEvent(UUID.randomUUID(), tenant, t0.plusSeconds(1), "it",
        agentId, new AgentStatusChanged(AgentStatus.AVAILABLE, null)));

    Map<String, Object> agent = Poll.until(PATIENCE, "agent " + agentId + " available", () -> {
      List<Map<String, Object>> rows = database.query(
          "SELECT display_name, status, queues::text AS queues FROM agents WHERE tenant_id = ? AND agent_id = ?",
          tenant, agentId);
      return rows.isEmpty() || !"AVAILABLE".equals(rows.get(0).get("status")) ? null : rows.get(0);
    });
    assertThat(agent).containsEntry("display_name", "Ada").containsEntry("queues", "{sales}");
    assertThat(database.query("SELECT status FROM agent_status_history WHERE agent_id = ? ORDER BY occurred_at",
        agentId)).extracting(row -> row.get("status")).containsExactly("OFFLINE", "AVAILABLE");
  }

  @Test
  void reportsItsHealth() {
    Map<String, Object> health = Poll.until(PATIENCE, "health UP", () -> {
      Map<String, Object> body = http.get().uri("/actuator/health").exchange()
          .expectBody(JSON).returnResult().getResponseBody();
      return body != null && "UP".equals(body.get("status")) ? body : null;
    });

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) health.get("components");
    assertThat(components.get("projection")).containsEntry("status", "UP");
    assertThat(components.get("r2dbc")).containsEntry("status", "UP");
  }

  @Test
  void resumesAfterARestartWithoutDuplicatingEvents() {
    String callId = "call-" + UUID.randomUUID();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<Object> sent = sendCompleteCall(callId, t0);
    awaitState(callId, "ENDED");

    context.close();
    start();
    // The same event published again at a new offset is still one event.
    send(sent.get(sent.size() - 1));
    String laterCallId = "call-" + UUID.randomUUID();
    send(callEvent(laterCallId, t0, created()));
    send(callEvent(laterCallId, t0.plusMillis(10), new CallQueued("sales", null)));
    awaitState(laterCallId, "QUEUED");

    assertThat(count("SELECT count(*) AS n FROM call_events WHERE call_id = ?", callId)).isEqualTo(sent.size());
    assertThat(count("SELECT count(*) AS n FROM routing_decisions WHERE call_id = ?", callId)).isEqualTo(3);
    assertThat(count("SELECT event_count AS n FROM calls WHERE call_id = ?", callId)).isEqualTo(sent.size());
    assertThat(awaitState(callId, "ENDED")).containsEntry("durationMs", 65_400);
  }

  /** Sends the seven events of an answered call; returns them in the order sent. */
  private List<Object> sendCompleteCall(String callId, Instant t0) {
    List<Object> events = List.of(
        callEvent(callId, t0, created()),
        callEvent(callId, t0.plusMillis(100), new CallQueued("sales", null)),
        decision(callId, t0.plusMillis(150), new RoutingQueued(1, 175)),
        decision(callId, t0.plusMillis(900), new RoutingOffered("a1", "r-1", t0.plusSeconds(20), false)),
        callEvent(callId, t0.plusMillis(1300), new CallAnswered("a1", "r-1")),
        decision(callId, t0.plusMillis(1350), new ReservationAccepted("a1", "r-1")),
        callEvent(callId, t0.plusMillis(65_400), new CallEnded(CallOutcome.ENDED, null, "customer")));
    events.forEach(this::send);
    return events;
  }

  private void send(Object event) {
    if (event instanceof CallEvent call) {
      producer.send(Topics.CALL_EVENTS, call.getCallId(), call);
    } else {
      RoutingDecision decision = (RoutingDecision) event;
      producer.send(Topics.ROUTING_DECISIONS, decision.getCallId(), decision);
    }
  }

  private CallEvent callEvent(String callId, Instant at, Object payload) {
    return new CallEvent(UUID.randomUUID(), tenant, at, "it", callId, payload);
  }

  private RoutingDecision decision(String callId, Instant at, Object payload) {
    return new RoutingDecision(UUID.randomUUID(), tenant, at, "it", callId, "sales", null, payload);
  }

  /** A RoutingDecision whose writer schema has a payload this release does not know. */
  private byte[] laterRelease(String callId, Instant at) {
    String current = RoutingDecision.getClassSchema().toString();
    int end = current.lastIndexOf("]}]}");
    Schema later = new Schema.Parser().parse(current.substring(0, end)
        + ",{\"type\":\"record\",\"name\":\"DecisionOfALaterRelease\",\"fields\":[]}" + current.substring(end));
    GenericRecord record = new GenericData.Record(later);
    record.put("eventId", UUID.randomUUID().toString());
    record.put("tenantId", tenant);
    record.put("occurredAt", at.toEpochMilli());
    record.put("source", "it");
    record.put("callId", callId);
    record.put("queue", "sales");
    record.put("payload", new GenericData.Record(later.getField("payload").schema().getTypes()
        .get(later.getField("payload").schema().getTypes().size() - 1)));
    try {
      ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), later).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CallCreated created() {
    return new CallCreated(CallDirection.INBOUND, CallChannel.WEBRTC, "c-42", null, null, "sales",
        Map.of("vip", "true"), List.of("urgent"));
  }

  private Map<String, Object> awaitState(String callId, String state) {
    return Poll.until(PATIENCE, "call " + callId + " in " + state, () -> {
      var result = http.get().uri("/api/v1/calls/{id}", callId).header("X-Tenant-Id", tenant).exchange()
          .expectBody(JSON).returnResult();
      Map<String, Object> body = result.getResponseBody();
      boolean reached = result.getStatus() == HttpStatus.OK && body != null && state.equals(body.get("state"));
      return reached ? body : null;
    });
  }

  private long count(String sql, Object... params) {
    return ((Number) database.query(sql, params).get(0).get("n")).longValue();
  }

  private static String iso(Instant instant) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(java.time.ZoneOffset.UTC).format(instant);
  }

  private static void start() {
    context = TestService.start(database);
    http = TestService.http(context, Duration.ofSeconds(10));
  }
}
