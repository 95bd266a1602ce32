package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.TestIssuer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * queue.stats on the real broker, pushed as {@code queue:stats} over real WebSockets: to the
 * tenant's supervisors and agents only, the latest snapshots first to a new session; and the
 * customer's {@code call:queued} with an estimated wait once its queue has statistics.
 */
class QueueStatsPushIT {

  private final TestGateway gateway = TestGateway.shared();
  private final TestIssuer issuer = gateway.issuer;

  private static String tenant(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static QueueStats.Builder snapshot(String tenant, String queue) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return QueueStats.newBuilder()
        .setEventId(UUID.randomUUID()).setTenantId(tenant).setOccurredAt(now).setSource("routing-it")
        .setQueue(queue).setWaiting(0).setLongestWaitMs(0).setAgentsByStatus(Map.of())
        .setIntervalStart(Instant.ofEpochSecond(now.getEpochSecond() / 900 * 900));
  }

  private static void write(EventProducer producer, QueueStats stats) {
    producer.send(Topics.QUEUE_STATS, Topics.queueKey(stats.getTenantId(), stats.getQueue()), stats);
  }

  private static boolean stats(JsonNode data, String queue, int waiting) {
    return data.path("queue").stringValue("").equals(queue) && data.path("waiting").asInt(-1) == waiting;
  }

  private static List<JsonNode> statsFrames(AgentSocket socket) {
    return socket.received().stream().filter(frame -> frame.path("type").stringValue("").equals("queue:stats")).toList();
  }

  @Test
  void supervisorsAndAgentsReceiveTheirOwnTenantsStatisticsOnly() {
    String acme = tenant("stats-a");
    String globex = tenant("stats-b");
    try (AgentSocket supervisor = AgentSocket.connect(gateway.port, issuer.token(acme, "sup-1", "supervisor"));
         AgentSocket agent = AgentSocket.connect(gateway.port, issuer.agentToken(acme, "a1"));
         AgentSocket customer = AgentSocket.connect(gateway.port, issuer.token(acme, "cust-1", "customer"));
         AgentSocket strangers = AgentSocket.connect(gateway.port, issuer.token(globex, "sup-2", "supervisor"));
         EventProducer producer = new EventProducer()) {
      supervisor.awaitReady();
      agent.awaitReady();
      customer.awaitReady();
      strangers.awaitReady();

      write(producer, snapshot(globex, "globex-only").setWaiting(7).build());
      write(producer, snapshot(acme, "sales").setWaiting(2).setAgentsByStatus(Map.of("BUSY", 1)).build());

      JsonNode sales = supervisor.await("queue:stats", data -> stats(data, "sales", 2));
      assertThat(sales.path("agentsByStatus").path("BUSY").asInt()).isEqualTo(1);
      assertThat(sales.path("updatedAt").isString()).isTrue();
      agent.await("queue:stats", data -> stats(data, "sales", 2));
      strangers.await("queue:stats", data -> stats(data, "globex-only", 7));

      // The other tenant's snapshot reached its supervisor: by then it would have been queued here too.
      supervisor.awaitReady();
      agent.awaitReady();
      customer.awaitReady();
      assertThat(statsFrames(supervisor)).noneMatch(frame -> frame.toString().contains("globex-only"));
      assertThat(statsFrames(agent)).noneMatch(frame -> frame.toString().contains("globex-only"));
      assertThat(statsFrames(strangers)).noneMatch(frame -> frame.toString().contains("\"sales\""));
      assertThat(statsFrames(customer)).isEmpty();
    }
  }

  @Test
  void aNewSessionGetsTheLatestSnapshotOfEachQueueFirst() {
    String acme = tenant("stats-c");
    String token = issuer.token(acme, "sup-1", "supervisor");
    try (EventProducer producer = new EventProducer();
         AgentSocket first = AgentSocket.connect(gateway.port, token)) {
      first.awaitReady();
      write(producer, snapshot(acme, "sales").setWaiting(1).build());
      write(producer, snapshot(acme, "support").setWaiting(5).build());
      write(producer, snapshot(acme, "sales").setWaiting(2).build());
      first.await("queue:stats", data -> stats(data, "sales", 2));
      first.await("queue:stats", data -> stats(data, "support", 5));

      try (AgentSocket later = AgentSocket.connect(gateway.port, token)) {
        later.awaitReady();
        List<JsonNode> frames = later.received();
        assertThat(frames).hasSizeGreaterThanOrEqualTo(3);
        assertThat(frames.subList(0, 2)).extracting(frame -> frame.path("type").stringValue() + " "
            + frame.path("data").path("queue").stringValue() + "=" + frame.path("data").path("waiting").asInt())
            .containsExactly("queue:stats sales=2", "queue:stats support=5");
        assertThat(frames.get(2).path("type").stringValue()).isEqualTo("call:error");
      }
    }
  }

  @Test
  void theCustomersCallQueuedCarriesAnEstimatedWaitOnceItsQueueHasStatistics() {
    String acme = tenant("stats-d");
    String token = issuer.token(acme, "cust-1", "customer");
    try (AgentSocket customer = AgentSocket.connect(gateway.port, token);
         EventProducer producer = new EventProducer()) {
      customer.awaitReady();
      Map<?, ?> created = gateway.as(token).post().uri("/api/v1/calls").contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("queue", "sales")).exchange().expectStatus().isCreated()
          .expectBody(Map.class).returnResult().getResponseBody();
      String callId = (String) created.get("callId");
      JsonNode queued = customer.await("call:queued", data -> data.path("callId").stringValue("").equals(callId));
      assertThat(queued.path("estimatedWaitSeconds").isNull()).isTrue();

      // Two agents on calls of two minutes on average; the caller is third: 3 × 120 s / 2.
      write(producer, snapshot(acme, "sales").setWaiting(3).setAgentsByStatus(Map.of("BUSY", 2))
          .setAhtMs(120_000L).build());
      producer.send(Topics.ROUTING_DECISIONS, callId, new RoutingDecision(UUID.randomUUID(), acme, Instant.now(),
          "routing-it", callId, "sales", null, new RoutingQueued(3, 100)));
      customer.await("call:queued", data -> data.path("callId").stringValue("").equals(callId)
          && data.path("position").asInt() == 3 && data.path("estimatedWaitSeconds").asInt() == 180);

      // One agent left for the break: the estimate doubles, and the customer is told without a new place.
      write(producer, snapshot(acme, "sales").setWaiting(3).setAgentsByStatus(Map.of("BUSY", 1, "BREAK", 1))
          .setAhtMs(120_000L).build());
      customer.await("call:queued", data -> data.path("callId").stringValue("").equals(callId)
          && data.path("position").asInt() == 3 && data.path("estimatedWaitSeconds").asInt() == 360);
    }
  }

  @Test
  void aWallboardMayRefreshItsTokenAndSendsNothingElse() {
    String acme = tenant("stats-e");
    try (AgentSocket supervisor = AgentSocket.connect(gateway.port, issuer.token(acme, "sup-1", "supervisor"))) {
      supervisor.awaitReady();
      supervisor.send("{\"type\":\"call:accept\",\"data\":{\"callId\":\"c-1\"}}");
      assertThat(supervisor.await("call:error", data -> data.path("message").stringValue("").contains("call:accept"))
          .path("callId").stringValue()).isEqualTo("c-1");

      supervisor.send("{\"type\":\"auth:refresh\",\"data\":{\"token\":\"" + issuer.token(acme, "sup-1", "customer")
          + "\"}}");
      supervisor.await("call:error", data -> data.path("message").stringValue("").contains("another tenant, user"));
      supervisor.send("{\"type\":\"auth:refresh\",\"data\":{\"token\":\"" + issuer.token(acme, "sup-1", "supervisor")
          + "\"}}");
      assertThat(supervisor.await("auth:refreshed", data -> true).path("expiresAt").isString()).isTrue();
    }
  }
}
