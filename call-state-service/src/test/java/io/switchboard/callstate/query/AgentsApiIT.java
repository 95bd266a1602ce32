package io.switchboard.callstate.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.ParameterizedTypeReference;

/** {@code GET /api/v1/agents}: the tenant's agents with their status and since when, on the real database. */
class AgentsApiIT {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
  private static final Instant T0 = Instant.parse("2025-03-04T12:00:00Z");

  @RegisterExtension
  static final ReadApiService service = new ReadApiService("agentsapi");

  private final String tenant = "ag-" + UUID.randomUUID().toString().substring(0, 8);

  private List<Map<String, Object>> agents(String tenantId, String query) {
    Map<String, Object> body = service.http().get().uri("/api/v1/agents" + query).header("X-Tenant-Id", tenantId)
        .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    assertThat(body).containsKey("serverNow");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) body.get("agents");
    return rows;
  }

  @Test
  void listsTheTenantsAgentsWithTheStartOfTheirCurrentStatus() {
    // a1: available, on break, then BREAK repeated and a stale AVAILABLE that was not applied.
    service.rows().agent(tenant, "a1", "BREAK", "lunch", new String[] {"sales", "support"}, T0.plusSeconds(300));
    service.rows().status(tenant, "a1", T0, "AVAILABLE", true);
    service.rows().status(tenant, "a1", T0.plusSeconds(60), "BREAK", true);
    service.rows().status(tenant, "a1", T0.plusSeconds(200), "BREAK", true);
    service.rows().status(tenant, "a1", T0.plusSeconds(250), "AVAILABLE", false);
    // a2: known from its registration only.
    service.rows().agent(tenant, "a2", "OFFLINE", null, new String[] {"support"}, T0.plusSeconds(30));
    service.rows().agent("other-" + tenant, "a3", "AVAILABLE", null, new String[] {"sales"}, T0);

    List<Map<String, Object>> all = agents(tenant, "");

    assertThat(all).extracting(row -> row.get("agentId")).containsExactly("a1", "a2");
    Map<String, Object> a1 = all.get(0);
    assertThat(a1).containsEntry("status", "BREAK").containsEntry("statusReason", "lunch")
        .containsEntry("statusSince", "2025-03-04T12:01:00.000Z").containsEntry("displayName", "Agent a1")
        .containsEntry("queues", List.of("sales", "support"));
    assertThat(all.get(1)).containsEntry("statusSince", "2025-03-04T12:00:30.000Z");
    assertThat(agents(tenant, "?queue=sales")).extracting(row -> row.get("agentId")).containsExactly("a1");
    assertThat(agents(tenant, "?status=offline")).extracting(row -> row.get("agentId")).containsExactly("a2");
    assertThat(agents("nobody-" + tenant, "")).isEmpty();
  }
}
