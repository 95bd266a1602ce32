package io.switchboard.callstate.query;

import java.time.Duration;
import java.util.Arrays;

/** The interval lengths of the queue report, each a PostgreSQL interval literal for date_bin. */
enum ReportInterval {
  FIFTEEN_MINUTES("15m", "15 minutes", Duration.ofMinutes(15)),
  HOUR("1h", "1 hour", Duration.ofHours(1)),
  DAY("1d", "1 day", Duration.ofDays(1));

  /** A report longer than this many intervals is refused: it would be too large to read anyway. */
  static final int MAX_INTERVALS = 10_000;

  private final String parameter;
  private final String sql;
  private final Duration length;

  ReportInterval(String parameter, String sql, Duration length) {
    this.parameter = parameter;
    this.sql = sql;
    this.length = length;
  }

  String parameter() {
    return parameter;
  }

  /** A fixed literal from this enum, never caller text, so it may be written into the SQL. */
  String sql() {
    return sql;
  }

  Duration length() {
    return length;
  }

  static ReportInterval parse(String value) {
    if (value == null || value.isBlank()) {
      return FIFTEEN_MINUTES;
    }
    return Arrays.stream(values()).filter(interval -> interval.parameter.equals(value.trim())).findFirst()
        .orElseThrow(() -> Params.bad("interval must be 15m, 1h or 1d, not '" + value + "'"));
  }
}
