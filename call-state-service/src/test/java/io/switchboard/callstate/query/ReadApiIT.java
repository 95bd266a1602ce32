package io.switchboard.callstate.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.ParameterizedTypeReference;

/**
 * The read API over rows written straight into a database the app migrated: the figures are
 * checked against a scenario computed by hand, not against the projection.
 */
class ReadApiIT {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
  /** A whole quarter-hour, so the scenario's intervals are [10:00, 10:15) and [10:15, 10:30). */
  private static final Instant T0 = Instant.parse("2025-01-06T10:00:00Z");

  @RegisterExtension
  static final ReadApiService service = new ReadApiService("readapi");

  private final String tenant = "api-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void queueReportMatchesTheHandComputedScenario() {
    givenSixQueuedCalls();

    Map<String, Object> report = get("/api/v1/reports/queues?from=2025-01-06T10:00:00Z&to=2025-01-06T10:30:00Z"
        + "&interval=15m");

    List<Map<String, Object>> intervals = rowsOf(report);
    assertThat(intervals).extracting(row -> row.get("queue") + "@" + row.get("intervalStart")).containsExactly(
        "other@2025-01-06T10:00:00.000Z", "sales@2025-01-06T10:00:00.000Z", "sales@2025-01-06T10:15:00.000Z");
    // 10:00: c1 answered in 10 s, c2 answered in 30 s, c3 abandoned after 5 s (a short abandon).
    assertInterval(intervals.get(1), 3, 2, 1, 1, 0, 1.0 / 2, 20_000.0, 150_000.0, 1.0 / 3);
    // 10:15: c4 answered in exactly 20 s (within), c5 abandoned after 40 s, c6 answered in 50 s and still talking.
    assertInterval(intervals.get(2), 3, 2, 1, 1, 1, 1.0 / 3, 35_000.0, 60_000.0, 1.0 / 3);

    Map<String, Object> hourly = get("/api/v1/reports/queues?from=2025-01-06T10:00:00Z&to=2025-01-06T10:30:00Z"
        + "&interval=1h&queue=sales&slSeconds=30");
    assertThat(rowsOf(hourly)).hasSize(1);
    // T = 30 s: c1, c2 (30 s) and c4 within; c5 abandoned after 40 s.
    assertInterval(rowsOf(hourly).get(0), 6, 4, 2, 3, 1, 3.0 / 5, 27_500.0, 120_000.0, 2.0 / 6);
  }

  @Test
  void agentReportCountsHandledTalkStaffedTimeAndNoAnswers() {
    givenSixQueuedCalls();
    // a1: available from before `from`, busy, available, a break 10:10-10:14, available until after `to`.
    service.rows().status(tenant, "a1", T0.minusSeconds(600), "AVAILABLE", true);
    service.rows().status(tenant, "a1", T0.plusSeconds(70), "BUSY", true);
    service.rows().status(tenant, "a1", T0.plusSeconds(170), "AVAILABLE", true);
    service.rows().status(tenant, "a1", T0.plusSeconds(600), "BREAK", true);
    service.rows().status(tenant, "a1", T0.plusSeconds(840), "AVAILABLE", true);
    service.rows().status(tenant, "a1", T0.plusSeconds(1200), "OFFLINE", false); // stale: does not end the span
    service.rows().status(tenant, "a1", T0.plusSeconds(2400), "OFFLINE", true);
    service.rows().status(tenant, "a2", T0.plusSeconds(300), "AVAILABLE", true);
    service.rows().status(tenant, "a2", T0.plusSeconds(1200), "OFFLINE", true);
    service.rows().status("other-" + tenant, "a1", T0, "AVAILABLE", true);
    service.rows().decision(tenant, "c1", "a1", "ReservationRejected", T0.plusSeconds(300));
    service.rows().decision(tenant, "c4", "a1", "ReservationTimedOut", T0.plusSeconds(1200));
    service.rows().decision(tenant, "c4", "a1", "RoutingOffered", T0.plusSeconds(1210));
    service.rows().decision(tenant, "c2", "a2", "ReservationTimedOut", T0.minusSeconds(3600));
    service.rows().decision(tenant, "o1", "a3", "ReservationRejected", T0.plusSeconds(360));

    Map<String, Object> report = get("/api/v1/reports/agents?from=2025-01-06T10:00:00Z&to=2025-01-06T10:30:00Z");

    List<Map<String, Object>> agents = rowsOf(report);
    assertThat(agents).extracting(row -> row.get("agentId")).containsExactly("a1", "a2", "a3");
    // a1 staffed 10:00-10:10 and 10:14-10:30 = 1,560 s; c1 (100 s) and c4 (60 s) talked.
    assertAgent(agents.get(0), 2, 160_000, 1_560_000, 160_000.0 / 1_560_000, 2);
    // a2 staffed 10:05-10:20; c2 talked 200 s, c6 is still connected.
    assertAgent(agents.get(1), 2, 200_000, 900_000, 200_000.0 / 900_000, 0);
    assertAgent(agents.get(2), 1, 30_000, 0, null, 1);
  }

  @Test
  void handlingTimeIncludesWrapUpAndTheDetailShowsHoldWrapUpAndQuality() {
    // given h1 answered after 10 s, 100 s from answer to end of which 30 s on hold (twice), then 15 s
    // of wrap-up, with two quality samples; h2 the same without wrap-up or samples
    Instant queued = Instant.parse("2025-01-07T09:00:00Z");
    service.rows().call(tenant, "h1", "ENDED", "support", "a9", queued, 10, 100L);
    service.rows().handling(tenant, "h1", 2, 30_000, 15_000);
    service.rows().quality(tenant, "h1", 4.2, "excellent", 10.0, 0.5, queued.plusSeconds(20));
    service.rows().quality(tenant, "h1", 3.2, "fair", 30.0, 2.5, queued.plusSeconds(40));
    service.rows().call(tenant, "h2", "ENDED", "support", "a9", queued.plusSeconds(60), 20, 50L);

    // when the reports and the detail are read
    Map<String, Object> queues = get("/api/v1/reports/queues?from=2025-01-07T09:00:00Z&to=2025-01-07T10:00:00Z"
        + "&interval=1h&queue=support");
    Map<String, Object> agents = get("/api/v1/reports/agents?from=2025-01-07T09:00:00Z&to=2025-01-07T10:00:00Z"
        + "&agent=a9");
    Map<String, Object> detail = get("/api/v1/calls/h1");
    Map<String, Object> plain = get("/api/v1/calls/h2");

    // then AHT = (100 + 15 + 50) / 2 s: talk (hold included) plus wrap-up
    assertThat(number(rowsOf(queues).get(0), "ahtMs")).isEqualTo(82_500.0);
    assertThat(number(rowsOf(agents).get(0), "holdMs")).isEqualTo(30_000.0);
    assertThat(number(rowsOf(agents).get(0), "wrapUpMs")).isEqualTo(15_000.0);
    assertThat(detail).containsEntry("holdCount", 2).containsEntry("holdMs", 30_000).containsEntry("wrapUpMs", 15_000);
    @SuppressWarnings("unchecked")
    Map<String, Object> quality = (Map<String, Object>) detail.get("quality");
    assertThat(quality).containsEntry("samples", 2).containsEntry("worstScore", "fair");
    assertThat(number(quality, "averageMos")).isCloseTo(3.7, within(1e-9));
    assertThat(number(quality, "minimumMos")).isEqualTo(3.2);
    assertThat(number(quality, "maxPacketLossPercent")).isEqualTo(2.5);
    assertThat(number(quality, "averageJitterMs")).isEqualTo(20.0);
    assertThat(plain).containsEntry("quality", null).containsEntry("wrapUpMs", null);
  }

  private void givenSixQueuedCalls() {
    service.rows().call(tenant, "c1", "ENDED", "sales", "a1", T0.plusSeconds(60), 10, 100L);
    service.rows().call(tenant, "c2", "ENDED", "sales", "a2", T0.plusSeconds(120), 30, 200L);
    service.rows().call(tenant, "c3", "ABANDONED", "sales", null, T0.plusSeconds(180), 5, null);
    service.rows().call(tenant, "c4", "ENDED", "sales", "a1", T0.plusSeconds(960), 20, 60L);
    service.rows().call(tenant, "c5", "ABANDONED", "sales", null, T0.plusSeconds(1020), 40, null);
    service.rows().call(tenant, "c6", "CONNECTED", "sales", "a2", T0.plusSeconds(1080), 50, null);
    service.rows().call(tenant, "o1", "ENDED", "other", "a3", T0.plusSeconds(100), 2, 30L);
    // queued at `to`: excluded
    service.rows().call(tenant, "late", "ENDED", "sales", "a1", T0.plusSeconds(1800), 1, 10L);
    service.rows().call("other-" + tenant, "c1", "ENDED", "sales", "a1", T0.plusSeconds(60), 10, 100L);
  }

  private static void assertInterval(Map<String, Object> row, int offered, int answered, int abandoned,
      int answeredWithin, int abandonedAfter, double serviceLevel, double asa, double aht, double abandonment) {
    assertThat(row).containsEntry("offered", offered).containsEntry("answered", answered)
        .containsEntry("abandoned", abandoned).containsEntry("answeredWithinSl", answeredWithin)
        .containsEntry("abandonedAfterSl", abandonedAfter);
    assertThat(number(row, "serviceLevel")).isCloseTo(serviceLevel, within(1e-9));
    assertThat(number(row, "asaMs")).isCloseTo(asa, within(1e-6));
    assertThat(number(row, "ahtMs")).isCloseTo(aht, within(1e-6));
    assertThat(number(row, "abandonmentRate")).isCloseTo(abandonment, within(1e-9));
  }

  private static void assertAgent(Map<String, Object> row, int handled, long talk, long staffed, Double occupancy,
      int noAnswers) {
    assertThat(row).containsEntry("handled", handled).containsEntry("noAnswers", noAnswers);
    assertThat(number(row, "talkMs")).isEqualTo((double) talk);
    assertThat(number(row, "staffedMs")).isEqualTo((double) staffed);
    if (occupancy == null) {
      assertThat(row).containsEntry("occupancy", null);
    } else {
      assertThat(number(row, "occupancy")).isCloseTo(occupancy, within(1e-9));
    }
  }

  private static double number(Map<String, Object> row, String key) {
    return ((Number) row.get(key)).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rowsOf(Map<String, Object> report) {
    return (List<Map<String, Object>>) report.get("rows");
  }

  private Map<String, Object> get(String uri) {
    return service.http().get().uri(uri).header("X-Tenant-Id", tenant).exchange().expectStatus().isOk()
        .expectBody(JSON).returnResult().getResponseBody();
  }
}
