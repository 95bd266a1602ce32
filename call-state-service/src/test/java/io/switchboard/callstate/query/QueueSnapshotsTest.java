package io.switchboard.callstate.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QueueSnapshotsTest {

  @Test
  void intervalsAreScopedByTenantHalfOpenRangeAndOptionalQueue() {
    ReportRange range = ReportRange.parse("2025-03-04T12:00:00Z", "2025-03-04T13:00:00Z", " sales ");

    SqlQuery query = QueueSnapshots.intervalSql("t1", range);

    assertThat(query.sql()).contains("FROM queue_interval_stats", "tenant_id = $1", "interval_start >= $2",
        "interval_start < $3", "queue = $4", "ORDER BY queue, interval_start");
    assertThat(query.values()).containsExactly("t1", Instant.parse("2025-03-04T12:00:00Z"),
        Instant.parse("2025-03-04T13:00:00Z"), "sales");
  }

  @Test
  void liveStatsOfEveryQueueWhenNoneIsNamed() {
    SqlQuery query = QueueSnapshots.liveSql("t1", null);

    assertThat(query.sql()).contains("FROM queue_live_stats", "tenant_id = $1", "ORDER BY queue")
        .doesNotContain("queue = ");
    assertThat(query.values()).containsExactly("t1");
    assertThat(QueueSnapshots.liveSql("t1", "sales").values()).containsExactly("t1", "sales");
  }

  @Test
  void csvHeadersNameTheJsonFieldsInOrder() {
    assertThat(QueueSnapshots.LIVE_CSV_HEADER).containsExactly(fields(QueueSnapshots.Live.class));
    assertThat(QueueSnapshots.INTERVAL_CSV_HEADER).containsExactly(fields(QueueSnapshots.Interval.class));
  }

  private static String[] fields(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toArray(String[]::new);
  }
}
