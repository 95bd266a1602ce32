package io.switchboard.callstate.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.ParticipantJoined;
import io.switchboard.schemas.avro.ParticipantLeft;
import io.switchboard.schemas.avro.ParticipantRole;
import io.switchboard.schemas.avro.ParticipantUpdated;
import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.ParameterizedTypeReference;

/**
 * Participants and routing's queue statistics read back through the API, produced the way they are in
 * production: events and snapshots through the real broker, projected, then read.
 */
class ParticipantsAndQueueStatsApiIT {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Instant T0 = Instant.parse("2025-03-04T12:00:00Z");

  @RegisterExtension
  static final ReadApiService service = new ReadApiService("participantsapi");
  private static EventProducer producer;

  private final String tenant = "qs-" + UUID.randomUUID().toString().substring(0, 8);
  private final String otherTenant = "other-" + tenant;

  @BeforeAll
  static void startProducer() {
    producer = new EventProducer();
  }

  @AfterAll
  static void stopProducer() {
    producer.close();
  }

  @Test
  void aGroupCallShowsItsParticipantsInJoinOrderWithLeavesRejoinsAndMediaStates() {
    // given a group call: a customer, an agent, a supervisor who leaves, a guest who drops and rejoins,
    // media toggled, one participant known only from an update; and another tenant's call of the same id
    String callId = "group-" + UUID.randomUUID();
    List<Object> payloads = List.of(
        created(),
        at(1, new ParticipantJoined("zed", ParticipantRole.CUSTOMER, "Zoe", true, false)),
        at(3, new ParticipantJoined("agent", ParticipantRole.AGENT, "Ada", true, true)),
        at(20, new ParticipantJoined("sup", ParticipantRole.SUPERVISOR, "Sam", true, false)),
        at(25, new ParticipantJoined("guest", ParticipantRole.GUEST, null, true, false)),
        at(30, new ParticipantUpdated("agent", null, null, true)),
        at(31, new ParticipantUpdated("zed", null, true, null)),
        at(40, new ParticipantLeft("guest", "network")),
        at(45, new ParticipantJoined("guest", ParticipantRole.GUEST, "Gus", true, true)),
        at(50, new ParticipantLeft("sup", "coaching done")),
        at(55, new ParticipantUpdated("agent", false, null, null)),
        at(60, new ParticipantUpdated("early", null, true, null)));

    // when
    send(otherTenant, callId, created());
    send(otherTenant, callId, at(2, new ParticipantJoined("intruder", ParticipantRole.AGENT, "Eve", true, true)));
    payloads.forEach(payload -> send(tenant, callId, payload));

    // then, once every event is projected: join order (a participant without a join last), the
    // other tenant's participant absent
    List<Map<String, Object>> expected = List.of(
        participant("zed", "CUSTOMER", "Zoe", 1, null, null, 1, true, true, false, 31),
        participant("agent", "AGENT", "Ada", 3, null, null, 1, false, true, true, 55),
        participant("sup", "SUPERVISOR", "Sam", 20, 50, "coaching done", 1, true, false, false, 50),
        participant("guest", "GUEST", "Gus", 25, null, null, 2, true, true, false, 45),
        participant("early", null, null, null, null, null, 0, null, true, null, 60));
    Map<String, Object> detail = Poll.until(PATIENCE, "the participants of " + callId, () -> {
      Map<String, Object> call = get(tenant, "/api/v1/calls/" + callId);
      assertThat(call.get("events")).asInstanceOf(LIST).hasSize(payloads.size());
      assertThat(call.get("participants")).asInstanceOf(LIST).containsExactlyElementsOf(expected);
      return call;
    });
    assertThat(detail).containsEntry("callId", callId).containsEntry("tenantId", tenant);
    Poll.until(PATIENCE, "the other tenant's participant", () -> {
      assertThat(get(otherTenant, "/api/v1/calls/" + callId).get("participants")).asInstanceOf(LIST)
          .singleElement()
          .extracting(p -> ((Map<?, ?>) p).get("participantId")).isEqualTo("intruder");
      return true;
    });
  }

  @Test
  void liveStatsAreTheLatestSnapshotOfEachQueueOfTheTenantOnly() {
    // given sales reported twice (the later snapshot in the next interval), support once, and another
    // tenant's sales
    Instant interval = T0;
    send(snapshot(tenant, "sales", interval, interval.plusSeconds(60), 5, 2, 30_000L));
    QueueStats latest = snapshot(tenant, "sales", interval.plusSeconds(900), interval.plusSeconds(905), 1, 4,
        12_000L);
    send(latest);
    send(snapshot(tenant, "support", interval, interval.plusSeconds(120), 3, 0, 0L));
    send(snapshot(otherTenant, "sales", interval, interval.plusSeconds(999), 7, 9, 90_000L));

    // when
    Map<String, Object> live = Poll.until(PATIENCE, "live stats of sales and support", () -> {
      Map<String, Object> body = get(tenant, "/api/v1/reports/queues/live");
      assertThat(rowsOf(body)).extracting(row -> row.get("queue") + "@" + row.get("snapshotAt"))
          .containsExactly("sales@2025-03-04T12:15:05.000Z", "support@2025-03-04T12:02:00.000Z");
      return body;
    });
    Poll.until(PATIENCE, "the other tenant's live stats", () -> rowsOf(get(otherTenant,
        "/api/v1/reports/queues/live")).size() == 1 ? true : null);

    // then
    assertThat(live).containsEntry("queue", null);
    assertThat(rowsOf(live).get(0)).containsEntry("waiting", 4).containsEntry("longestWaitMs", 12_000)
        .containsEntry("agentsByStatus", Map.of("AVAILABLE", 2, "BUSY", 3, "OFFLINE", 0))
        .containsEntry("eligibleAgents", 5).containsEntry("intervalStart", "2025-03-04T12:15:00.000Z")
        .containsEntry("source", "routing-it");
    assertThat(rowsOf(get(tenant, "/api/v1/reports/queues/live?queue=support")))
        .extracting(row -> row.get("queue")).containsExactly("support");
    String csv = csv(tenant, "/api/v1/reports/queues/live?queue=sales");
    assertThat(csv).isEqualTo(String.join(",", QueueSnapshots.LIVE_CSV_HEADER) + "\r\n"
        + "sales,4,12000,\"{\"\"AVAILABLE\"\":2,\"\"BUSY\"\":3,\"\"OFFLINE\"\":0}\",5,2025-03-04T12:15:00.000Z,"
        + "2025-03-04T12:15:05.000Z,routing-it\r\n");
  }

  @Test
  void intervalStatsInTheRangeByQueueAndIntervalStartForTheTenantOnly() {
    // given three intervals in [12:00, 13:00), one starting at 13:00, and another tenant's
    send(snapshot(tenant, "sales", T0, T0.plusSeconds(890), 10, 0, 0L));
    send(snapshot(tenant, "sales", T0.plusSeconds(900), T0.plusSeconds(1790), 6, 0, 0L));
    send(snapshot(tenant, "support", T0, T0.plusSeconds(880), 4, 0, 0L));
    send(snapshot(tenant, "sales", T0.plusSeconds(3600), T0.plusSeconds(3610), 1, 0, 0L));
    send(snapshot(otherTenant, "sales", T0, T0.plusSeconds(890), 99, 0, 0L));
    String range = "from=2025-03-04T12:00:00Z&to=2025-03-04T13:00:00Z";
    Poll.until(PATIENCE, "every interval projected", () -> rowsOf(get(tenant,
        "/api/v1/reports/queues/intervals?from=2025-03-04T12:00:00Z&to=2025-03-04T14:00:00Z")).size() == 4
        && rowsOf(get(otherTenant, "/api/v1/reports/queues/intervals?" + range)).size() == 1 ? true : null);

    // when
    Map<String, Object> report = get(tenant, "/api/v1/reports/queues/intervals?" + range);
    Map<String, Object> sales = get(tenant, "/api/v1/reports/queues/intervals?" + range + "&queue=sales");
    String csv = csv(tenant, "/api/v1/reports/queues/intervals?format=csv&" + range + "&queue=support");

    // then
    assertThat(report).containsEntry("from", "2025-03-04T12:00:00.000Z").containsEntry("to",
        "2025-03-04T13:00:00.000Z").containsEntry("queue", null);
    assertThat(rowsOf(report)).extracting(row -> row.get("queue") + "@" + row.get("intervalStart") + "="
        + row.get("offered")).containsExactly("sales@2025-03-04T12:00:00.000Z=10",
        "sales@2025-03-04T12:15:00.000Z=6", "support@2025-03-04T12:00:00.000Z=4");
    assertThat(rowsOf(report).get(0)).containsEntry("answered", 9).containsEntry("abandoned", 2)
        .containsEntry("overflowed", 1).containsEntry("answeredWithinSl", 7).containsEntry("abandonedAfterSl", 1)
        .containsEntry("serviceLevel", 0.7).containsEntry("asaMs", 8_500).containsEntry("ahtMs", 120_000)
        .containsEntry("abandonmentRate", 0.2).containsEntry("snapshotAt", "2025-03-04T12:14:50.000Z");
    assertThat(sales).containsEntry("queue", "sales");
    assertThat(rowsOf(sales)).extracting(row -> row.get("intervalStart"))
        .containsExactly("2025-03-04T12:00:00.000Z", "2025-03-04T12:15:00.000Z");
    assertThat(csv).isEqualTo(String.join(",", QueueSnapshots.INTERVAL_CSV_HEADER) + "\r\n"
        + "support,2025-03-04T12:00:00.000Z,4,9,2,1,7,1,0.7,8500,120000,0.5,2025-03-04T12:14:40.000Z,routing-it\r\n");
  }

  @Test
  void refusesBadParametersWithAJsonMessageEvenWhenCsvWasAsked() {
    for (String uri : List.of("/api/v1/reports/queues/intervals?to=2025-03-04T13:00:00Z",
        "/api/v1/reports/queues/intervals?from=2025-03-04T12:00:00Z",
        "/api/v1/reports/queues/intervals?from=yesterday&to=2025-03-04T13:00:00Z",
        "/api/v1/reports/queues/intervals?format=csv&from=2025-03-04T13:00:00Z&to=2025-03-04T12:00:00Z",
        "/api/v1/reports/queues/intervals?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
        "/api/v1/reports/queues/intervals?format=xml&from=2025-03-04T12:00:00Z&to=2025-03-04T13:00:00Z",
        "/api/v1/reports/queues/live?format=xml")) {
      for (String accept : List.of("application/json", "text/csv")) {
        Map<String, Object> error = service.http().get().uri(uri).header("X-Tenant-Id", tenant).header("Accept", accept)
            .exchange().expectStatus().isBadRequest().expectBody(JSON).returnResult().getResponseBody();
        assertThat(error).as(uri + " " + accept).containsEntry("status", 400).containsKey("message");
      }
    }
    service.http().get().uri("/api/v1/reports/queues/live").header("X-Tenant-Id", "not a tenant!").exchange()
        .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo(
            "X-Tenant-Id must match [A-Za-z0-9_-]{1,64}");
  }

  private static Object created() {
    return new CallCreated(CallDirection.INBOUND, CallChannel.WEBRTC, "c-1", null, null, "sales", Map.of(),
        List.of());
  }

  /** A payload and when it occurred, seconds after T0 (the call's creation). */
  private static Timed at(int seconds, Object payload) {
    return new Timed(T0.plusSeconds(seconds), payload);
  }

  private record Timed(Instant at, Object payload) {}

  private void send(String tenantId, String callId, Object payload) {
    Timed timed = payload instanceof Timed t ? t : new Timed(T0, payload);
    producer.send(Topics.CALL_EVENTS, callId, new CallEvent(UUID.randomUUID(), tenantId, timed.at(), "it", callId,
        timed.payload()));
  }

  private static void send(QueueStats snapshot) {
    producer.send(Topics.QUEUE_STATS, Topics.queueKey(snapshot.getTenantId(), snapshot.getQueue()), snapshot);
  }

  /** The JSON of one participant; times are seconds after T0. */
  private static Map<String, Object> participant(String id, String role, String name, Integer joined, Integer left,
      String reason, int joins, Boolean audio, Boolean video, Boolean screen, int updated) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("participantId", id);
    json.put("role", role);
    json.put("displayName", name);
    json.put("joinedAt", joined == null ? null : CallQueries.iso(T0.plusSeconds(joined)));
    json.put("leftAt", left == null ? null : CallQueries.iso(T0.plusSeconds(left)));
    json.put("leftReason", reason);
    json.put("joinCount", joins);
    json.put("audio", audio);
    json.put("video", video);
    json.put("screenShare", screen);
    json.put("updatedAt", CallQueries.iso(T0.plusSeconds(updated)));
    return json;
  }

  /** A snapshot whose interval counters are those of QueueStatsRowsTest, offered and live figures given. */
  private static QueueStats snapshot(String tenantId, String queue, Instant intervalStart, Instant at, int offered,
      int waiting, long longestWaitMs) {
    return QueueStats.newBuilder().setEventId(UUID.randomUUID()).setTenantId(tenantId).setOccurredAt(at)
        .setSource("routing-it").setQueue(queue).setWaiting(waiting).setLongestWaitMs(longestWaitMs)
        .setAgentsByStatus(Map.of("BUSY", 3, "AVAILABLE", 2, "OFFLINE", 0)).setIntervalStart(intervalStart)
        .setOffered(offered).setAnswered(9).setAbandoned(2).setOverflowed(1).setAnsweredWithinServiceLevel(7)
        .setAsaMs(8_500L).setAhtMs(120_000L).setServiceLevel(0.7).setAbandonmentRate(2.0 / offered)
        .setEligibleAgents(5).setAbandonedAfterServiceLevel(1).build();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rowsOf(Map<String, Object> body) {
    return (List<Map<String, Object>>) body.get("rows");
  }

  private static Map<String, Object> get(String tenantId, String uri) {
    return service.http().get().uri(uri).header("X-Tenant-Id", tenantId).exchange().expectStatus().isOk()
        .expectBody(JSON).returnResult().getResponseBody();
  }

  private static String csv(String tenantId, String uri) {
    return service.http().get().uri(uri).header("X-Tenant-Id", tenantId).header("Accept", "text/csv").exchange()
        .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(Csv.TEXT_CSV)
        .expectBody(String.class).returnResult().getResponseBody();
  }
}
