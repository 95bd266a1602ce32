package io.switchboard.callstate.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.ParameterizedTypeReference;

/** History pages, filters, active calls, the call detail, CSV and refusals, over rows written directly. */
class HistoryApiIT {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
  private static final Instant T0 = Instant.parse("2025-02-03T09:00:00Z");

  @RegisterExtension
  static final ReadApiService service = new ReadApiService("historyapi");

  private final String tenant = "hist-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void pagesThroughTheHistoryNewestFirstWithoutLossOrDuplicatesWhileCallsArrive() {
    // Seven calls, three of them created in the same instant: the call id breaks the tie.
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String callId = "h" + i;
      service.rows().created(tenant, callId, "ENDED", T0.plusSeconds(i < 3 ? 0 : i));
      expected.add(0, callId);
    }
    expected.sort((a, b) -> {
      int byTime = Integer.compare(index(b) < 3 ? 0 : index(b), index(a) < 3 ? 0 : index(a));
      return byTime != 0 ? byTime : b.compareTo(a);
    });

    List<String> seen = new ArrayList<>();
    Map<String, Object> page = get("/api/v1/calls?limit=3");
    seen.addAll(ids(page));
    // A newer call arriving between pages goes to the head, and does not shift the pages after the cursor.
    service.rows().created(tenant, "newer", "QUEUED", T0.plusSeconds(3600));
    List<Integer> sizes = new ArrayList<>(List.of(ids(page).size()));
    while (page.get("next") != null) {
      page = get("/api/v1/calls?limit=3&cursor=" + page.get("next"));
      seen.addAll(ids(page));
      sizes.add(ids(page).size());
    }

    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(sizes).containsExactly(3, 3, 1);
    assertThat(ids(get("/api/v1/calls?limit=1"))).containsExactly("newer");
  }

  @Test
  void filtersByRangeQueueAgentStateAndCustomer() {
    service.rows().call(tenant, "f1", "ENDED", "sales", "a1", T0.plusSeconds(10), 5, 60L);
    service.rows().call(tenant, "f2", "ABANDONED", "sales", null, T0.plusSeconds(20), 50, null);
    service.rows().call(tenant, "f3", "CONNECTED", "support", "a2", T0.plusSeconds(30), 5, null);
    service.rows().call(tenant, "f4", "ENDED", "sales", "a1", T0.plusSeconds(7200), 5, 60L);

    assertThat(ids(get("/api/v1/calls?queue=sales"))).containsExactly("f4", "f2", "f1");
    assertThat(ids(get("/api/v1/calls?agent=a1&to=2025-02-03T10:00:00Z"))).containsExactly("f1");
    assertThat(ids(get("/api/v1/calls?state=abandoned&state=CONNECTED"))).containsExactly("f3", "f2");
    assertThat(ids(get("/api/v1/calls?state=ENDED,ABANDONED&from=2025-02-03T09:00:15Z"))).containsExactly("f4", "f2");
    assertThat(ids(get("/api/v1/calls?customer=cust-f3"))).containsExactly("f3");
  }

  @Test
  void listsActiveCallsOnly() {
    service.rows().call(tenant, "done", "ENDED", "sales", "a1", T0, 5, 60L);
    service.rows().call(tenant, "talking", "CONNECTED", "sales", "a1", T0.plusSeconds(1), 5, null);
    service.rows().created(tenant, "waiting", "QUEUED", T0.plusSeconds(2));

    List<Map<String, Object>> active = service.http().get().uri("/api/v1/calls/active").header("X-Tenant-Id", tenant)
        .exchange().expectStatus().isOk().expectBodyList(JSON).returnResult().getResponseBody();

    assertThat(active).extracting(call -> call.get("callId")).containsExactly("talking", "waiting");
  }

  @Test
  void theCallViewCarriesItsEventsAndRoutingDecisions() {
    service.rows().call(tenant, "d1", "ENDED", "sales", "a1", T0, 5, 60L);
    service.rows().event(tenant, "d1", "CallQueued", T0, 2);
    service.rows().event(tenant, "d1", "CallCreated", T0.minusSeconds(2), 1);
    service.rows().decision(tenant, "d1", "a1", "RoutingOffered", T0.plusSeconds(4));

    Map<String, Object> call = get("/api/v1/calls/d1");

    assertThat(call).containsEntry("callId", "d1").containsEntry("state", "ENDED").containsEntry("waitMs", 5000);
    assertThat(call.get("events")).isEqualTo(List.of(
        Map.of("type", "CallCreated", "occurredAt", "2025-02-03T08:59:58.000Z"),
        Map.of("type", "CallQueued", "occurredAt", "2025-02-03T09:00:00.000Z")));
    assertThat((List<?>) call.get("routingDecisions")).singleElement().asInstanceOf(
            org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("type", "RoutingOffered").containsEntry("agentId", "a1")
        .containsEntry("occurredAt", "2025-02-03T09:00:04.000Z");
  }

  @Test
  void exportsCsvByAcceptHeaderOrFormatParameter() {
    service.rows().call(tenant, "x1", "ENDED", "sales, east", "a1", T0, 5, 60L);

    String byHeader = service.http().get().uri("/api/v1/calls").header("X-Tenant-Id", tenant)
        .header("Accept", "text/csv")
        .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(Csv.TEXT_CSV)
        .expectBody(String.class).returnResult().getResponseBody();
    String byParameter = service.http().get().uri("/api/v1/reports/queues?format=csv&from=2025-02-03T09:00:00Z"
            + "&to=2025-02-03T10:00:00Z&interval=1h").header("X-Tenant-Id", tenant)
        .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(Csv.TEXT_CSV)
        .expectBody(String.class).returnResult().getResponseBody();

    assertThat(byHeader.split("\r\n")).hasSize(2);
    assertThat(byHeader).startsWith(String.join(",", HistoryCsv.HEADER) + "\r\n")
        .contains("x1," + tenant + ",ENDED,ENDED,\"sales, east\",a1,cust-x1,");
    assertThat(byParameter).isEqualTo(String.join(",", QueueReport.CSV_HEADER) + "\r\n"
        + "\"sales, east\",2025-02-03T09:00:00.000Z,1,1,0,1,0,1.0,5000.0,60000.0,0.0\r\n");
  }

  @Test
  void refusesBadParametersWithAJsonMessageEvenWhenCsvWasAsked() {
    for (String uri : List.of("/api/v1/calls?limit=0", "/api/v1/calls?state=NAPPING", "/api/v1/calls?cursor=zzz",
        "/api/v1/calls?format=csv&from=today", "/api/v1/reports/queues?from=2025-02-03T09:00:00Z",
        "/api/v1/reports/queues?from=2025-02-03T09:00:00Z&to=2025-02-03T10:00:00Z&interval=2h",
        "/api/v1/reports/agents?format=csv&from=2025-02-03T10:00:00Z&to=2025-02-03T09:00:00Z",
        "/api/v1/reports/calls/summary?from=2025-02-03T09:00:00Z")) {
      Map<String, Object> error = service.http().get().uri(uri).header("X-Tenant-Id", tenant).exchange()
          .expectStatus().isBadRequest().expectBody(JSON).returnResult().getResponseBody();
      assertThat(error).as(uri).containsEntry("status", 400).containsKey("message");
    }
  }

  @Test
  void summarizesCallsByStateAndOutcomeWithTheSuccessRate() {
    service.rows().call(tenant, "s1", "ENDED", "sales", "a1", T0, 5, 60L);
    service.rows().call(tenant, "s2", "ABANDONED", "sales", null, T0.plusSeconds(5), 30, null);
    service.rows().call(tenant, "s3", "CONNECTED", "sales", "a1", T0.plusSeconds(10), 5, null);
    service.rows().created(tenant, "s4", "INITIATING", T0.plusSeconds(15));

    Map<String, Object> summary = get("/api/v1/reports/calls/summary?from=2025-02-03T08:00:00Z"
        + "&to=2025-02-03T10:00:00Z");

    assertThat(summary).containsEntry("total", 4).containsEntry("offered", 3).containsEntry("answered", 2)
        .containsEntry("byState", Map.of("ENDED", 1, "ABANDONED", 1, "CONNECTED", 1, "INITIATING", 1))
        .containsEntry("byOutcome", Map.of("ENDED", 1, "ABANDONED", 1));
    assertThat(((Number) summary.get("successRate")).doubleValue()).isEqualTo(2.0 / 3);
  }

  private static int index(String callId) {
    return Integer.parseInt(callId.substring(1));
  }

  @SuppressWarnings("unchecked")
  private static List<String> ids(Map<String, Object> page) {
    return ((List<Map<String, Object>>) page.get("items")).stream().map(call -> (String) call.get("callId")).toList();
  }

  private Map<String, Object> get(String uri) {
    return service.http().get().uri(uri).header("X-Tenant-Id", tenant).exchange().expectStatus().isOk()
        .expectBody(JSON).returnResult().getResponseBody();
  }
}
