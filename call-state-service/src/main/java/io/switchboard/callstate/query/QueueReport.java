package io.switchboard.callstate.query;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The queue interval report: one row per queue and interval, in one grouped query over
 * {@code calls}. A call counts in the interval of its {@code queued_at} (docs/call-state.md).
 */
@Component
class QueueReport {

  static final List<String> CSV_HEADER = List.of("queue", "intervalStart", "offered", "answered", "abandoned",
      "answeredWithinSl", "abandonedAfterSl", "serviceLevel", "asaMs", "ahtMs", "abandonmentRate");

  /** date_bin's origin: intervals start at whole UTC quarter-hours, hours and days. */
  private static final String ORIGIN = "TIMESTAMPTZ '2000-01-01 00:00:00+00'";

  private final DatabaseClient db;

  QueueReport(DatabaseClient db) {
    this.db = db;
  }

  Flux<QueueInterval> rows(String tenantId, ReportRange range, ReportInterval interval, int slSeconds) {
    return sql(tenantId, range, interval, slSeconds).on(db).map((row, meta) -> interval(row)).all();
  }

  static SqlQuery sql(String tenantId, ReportRange range, ReportInterval interval, int slSeconds) {
    SqlQuery query = new SqlQuery("");
    String threshold = query.bind(slSeconds * 1000L);
    String abandoned = "answered_at IS NULL AND state = 'ABANDONED'";
    query.append("SELECT queue, date_bin('" + interval.sql() + "', queued_at, " + ORIGIN + ") AS interval_start,"
        + " count(*) AS offered,"
        + " count(*) FILTER (WHERE answered_at IS NOT NULL) AS answered,"
        + " count(*) FILTER (WHERE " + abandoned + ") AS abandoned,"
        + " count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_ms <= " + threshold + ") AS answered_within,"
        + " count(*) FILTER (WHERE " + abandoned + " AND wait_ms > " + threshold + ") AS abandoned_after,"
        + " (avg(wait_ms) FILTER (WHERE answered_at IS NOT NULL))::float8 AS asa_ms,"
        + " (avg(talk_ms + coalesce(wrap_up_ms, 0)) FILTER (WHERE answered_at IS NOT NULL AND talk_ms IS NOT NULL))"
        + "::float8 AS aht_ms"
        + " FROM calls WHERE tenant_id = " + query.bind(tenantId) + " AND queue IS NOT NULL"
        + " AND queued_at >= " + query.bind(range.from()) + " AND queued_at < " + query.bind(range.to()));
    if (range.subject() != null) {
      query.append(" AND queue = ").append(query.bind(range.subject()));
    }
    return query.append(" GROUP BY queue, interval_start ORDER BY queue, interval_start");
  }

  private static QueueInterval interval(Readable row) {
    long offered = count(row, "offered");
    long answered = count(row, "answered");
    long abandoned = count(row, "abandoned");
    long within = count(row, "answered_within");
    long abandonedAfter = count(row, "abandoned_after");
    return new QueueInterval(row.get("queue", String.class),
        CallQueries.iso(row.get("interval_start", Instant.class)), offered, answered, abandoned, within,
        abandonedAfter, ratio(within, answered + abandonedAfter), row.get("asa_ms", Double.class),
        row.get("aht_ms", Double.class), ratio(abandoned, offered));
  }

  private static long count(Readable row, String column) {
    Long value = row.get(column, Long.class);
    return value == null ? 0 : value;
  }

  /** Null rather than a made-up 0 or 1 when there is nothing to divide by. */
  static Double ratio(long numerator, long denominator) {
    return denominator == 0 ? null : (double) numerator / denominator;
  }

  /** One row of the report; durations in milliseconds, rates from 0 to 1. */
  record QueueInterval(String queue, String intervalStart, long offered, long answered, long abandoned,
      long answeredWithinSl, long abandonedAfterSl, Double serviceLevel, Double asaMs, Double ahtMs,
      Double abandonmentRate) {

    List<Object> csv() {
      return java.util.Arrays.asList(queue, intervalStart, offered, answered, abandoned, answeredWithinSl,
          abandonedAfterSl, serviceLevel, asaMs, ahtMs, abandonmentRate);
    }
  }
}
