package io.switchboard.callstate.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistorySqlTest {

  @Test
  void bindsEveryFilterAndResumesStrictlyAfterTheCursorFetchingOneRowMore() {
    Cursor after = new Cursor(Instant.parse("2025-01-01T00:00:00Z"), "c9");
    HistoryFilter filter = HistoryFilter.parse("2024-12-01T00:00:00Z", null, "sales", null, List.of("ENDED"),
        null, after.encode(), "10");

    SqlQuery query = HistorySql.history("t1", filter);

    assertThat(query.sql()).contains("tenant_id = $1", "created_at >= $2", "queue = $3", "state = ANY($4)",
        "(created_at, call_id) < ($5, $6)", "ORDER BY created_at DESC, call_id DESC", "LIMIT $7")
        .doesNotContain("agent_id", "customer_id");
    assertThat(query.values()).hasSize(7).startsWith("t1", Instant.parse("2024-12-01T00:00:00Z"), "sales")
        .endsWith(after.at(), "c9", 11);
  }

  @Test
  void theExportHasNoLimit() {
    HistoryFilter filter = HistoryFilter.parse(null, null, null, null, null, null, null, "10").unlimited();

    assertThat(HistorySql.history("t1", filter).sql()).doesNotContain("LIMIT");
  }

  @Test
  void activeCallsAreThoseNotInATerminalStateSaidAsTheOpenCallIndexesSayIt() {
    assertThat(HistorySql.active("t1", null, null).sql()).contains(" AND " + OpenCalls.PREDICATE + " ORDER BY");
  }
}
