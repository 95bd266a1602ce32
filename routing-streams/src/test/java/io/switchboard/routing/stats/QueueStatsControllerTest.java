package io.switchboard.routing.stats;

import io.switchboard.schemas.avro.AgentStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The endpoint over the statistics of a {@link StatsScenario}, read as interactive queries read them. */
class QueueStatsControllerTest {

  private final StatsScenario stats = new StatsScenario(Instant.parse("2026-11-21T10:00:00Z"));
  private QueueStatsLookup lookup = (tenant, queue) -> stats.snapshots()
      .snapshot(tenant, queue, stats.now().toEpochMilli())
      .map(QueueStatsLookup.Result::found)
      .orElseGet(() -> QueueStatsLookup.Result.unknownQueue(queue));

  @AfterEach
  void close() {
    stats.close();
  }

  private WebTestClient client() {
    return WebTestClient.bindToController(new QueueStatsController((tenant, queue) -> lookup.find(tenant, queue)))
        .build();
  }

  @Test
  void answersTheLiveSnapshotOfTheTenantsQueue() {
    // given
    stats.agent("a1", "sales").status("a1", AgentStatus.AVAILABLE);
    stats.queued("c1", "sales").advance(Duration.ofSeconds(9));

    // when / then
    client().get().uri("/api/v1/queues/sales/stats").header("X-Tenant-Id", StatsScenario.TENANT).exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.tenantId").isEqualTo(StatsScenario.TENANT)
        .jsonPath("$.queue").isEqualTo("sales")
        .jsonPath("$.waiting").isEqualTo(1)
        .jsonPath("$.longestWaitMs").isEqualTo(9000)
        .jsonPath("$.agentsByStatus.AVAILABLE").isEqualTo(1)
        .jsonPath("$.eligibleAgents").isEqualTo(1)
        .jsonPath("$.intervalStart").isEqualTo("2026-11-21T10:00:00Z")
        .jsonPath("$.offered").isEqualTo(1)
        .jsonPath("$.asaMs").doesNotExist();
  }

  @Test
  void anUnknownQueueIsA404WithTheErrorBody() {
    stats.queued("c1", "sales");

    client().get().uri("/api/v1/queues/sales/stats").exchange() // tenant "default" has no such queue
        .expectStatus().isNotFound()
        .expectBody()
        .jsonPath("$.status").isEqualTo(404)
        .jsonPath("$.error").isEqualTo("Not Found")
        .jsonPath("$.message").isEqualTo("Unknown queue sales")
        .jsonPath("$.path").isEqualTo("/api/v1/queues/sales/stats");
  }

  @Test
  void aTenantOwnedByAnotherInstanceIsA421NamingTheOwner() {
    lookup = (tenant, queue) -> QueueStatsLookup.Result.otherInstance("routing-2:8081", tenant);

    client().get().uri("/api/v1/queues/sales/stats").exchange()
        .expectStatus().isEqualTo(HttpStatus.MISDIRECTED_REQUEST)
        .expectHeader().valueEquals(QueueStatsController.OWNER_HEADER, "routing-2:8081")
        .expectBody().jsonPath("$.status").isEqualTo(421);
  }

  @Test
  void storesNotReadyIsA503AndABadTenantA400() {
    lookup = (tenant, queue) -> QueueStatsLookup.Result.unavailable("restoring");
    client().get().uri("/api/v1/queues/sales/stats").exchange()
        .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
        .expectBody().jsonPath("$.message").isEqualTo("restoring");

    client().get().uri("/api/v1/queues/sales/stats").header("X-Tenant-Id", "not a tenant!").exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.status").isEqualTo(400);
  }
}
