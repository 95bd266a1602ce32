package io.switchboard.callstate.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.call.CallState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ParamsTest {

  @Test
  void historyDefaultsToFiftyRowsAndNoFilters() {
    HistoryFilter filter = HistoryFilter.parse(null, null, null, " ", null, null, null, null);

    assertThat(filter).isEqualTo(new HistoryFilter(null, null, null, null, List.of(), null, null, 50));
  }

  @Test
  void historyReadsEveryFilter() {
    String cursor = new Cursor(Instant.parse("2025-01-01T00:00:00Z"), "c1").encode();

    HistoryFilter filter = HistoryFilter.parse("2025-01-01T00:00:00Z", "2025-01-01T02:00:00+01:00", "sales",
        "a1", List.of("queued,ringing", "ENDED", "QUEUED"), "c-1", cursor, "500");

    assertThat(filter.from()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(filter.to()).isEqualTo(Instant.parse("2025-01-01T01:00:00Z"));
    assertThat(filter.states()).containsExactly(CallState.QUEUED, CallState.RINGING, CallState.ENDED);
    assertThat(filter.after()).isEqualTo(Cursor.decode(cursor));
    assertThat(filter.limit()).isEqualTo(500);
    assertThat(List.of(filter.queue(), filter.agent(), filter.customer())).containsExactly("sales", "a1", "c-1");
  }

  @Test
  void refusesBadHistoryParametersNamingThem() {
    refused(() -> HistoryFilter.parse(null, null, null, null, null, null, null, "501"), "limit");
    refused(() -> HistoryFilter.parse(null, null, null, null, null, null, null, "0"), "limit");
    refused(() -> HistoryFilter.parse(null, null, null, null, null, null, null, "ten"), "limit");
    refused(() -> HistoryFilter.parse("yesterday", null, null, null, null, null, null, null), "from");
    refused(() -> HistoryFilter.parse(null, "2025-01-01T00:00:00", null, null, null, null, null, null), "to");
    refused(() -> HistoryFilter.parse(null, null, null, null, List.of("SLEEPING"), null, null, null), "state");
    refused(() -> HistoryFilter.parse("2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z", null, null, null, null,
        null, null), "from must be before to");
  }

  @Test
  void reportsNeedBothEndsOfTheRange() {
    refused(() -> ReportRange.parse(null, "2025-01-01T00:00:00Z", null), "from is required");
    refused(() -> ReportRange.parse("2025-01-01T00:00:00Z", "", null), "to is required");
    assertThat(ReportRange.parse("2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z", " q ").subject()).isEqualTo("q");
  }

  @Test
  void readsTheThreeIntervalsAndRefusesOthers() {
    assertThat(ReportInterval.parse("15m")).isEqualTo(ReportInterval.FIFTEEN_MINUTES);
    assertThat(ReportInterval.parse(null)).isEqualTo(ReportInterval.FIFTEEN_MINUTES);
    assertThat(ReportInterval.parse("1h")).isEqualTo(ReportInterval.HOUR);
    assertThat(ReportInterval.parse("1d")).isEqualTo(ReportInterval.DAY);
    refused(() -> ReportInterval.parse("5m"), "interval");
  }

  @Test
  void refusesAReportOfTooManyIntervals() {
    ReportRange year = ReportRange.parse("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", null);

    assertThat(year.within(ReportInterval.HOUR)).isEqualTo(year);
    refused(() -> year.within(ReportInterval.FIFTEEN_MINUTES), "intervals");
  }

  @Test
  void serviceLevelThresholdAndFormatAreChecked() {
    assertThat(ReportController.slSeconds(null)).isEqualTo(20);
    assertThat(ReportController.slSeconds("30")).isEqualTo(30);
    refused(() -> ReportController.slSeconds("-1"), "slSeconds");
    refused(() -> Params.format("xml"), "format");
  }

  private static void refused(Runnable parse, String message) {
    assertThatThrownBy(parse::run).isInstanceOf(ApiException.class).hasMessageContaining(message)
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.BAD_REQUEST));
  }
}
