package io.switchboard.simulator;

import java.util.List;
import java.util.Locale;

/** The reports as a plain-text table, one row per queue and strategy. */
final class ReportTable {

  private static final String ROW = "%-12s %-26s %8s %8s %9s %7s %8s %8s %7s %9s%n";

  private ReportTable() {}

  static String format(List<QueueReport> reports, long serviceLevelSeconds) {
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, ROW, "queue", "strategy", "offered", "answered", "abandoned",
        "SL" + serviceLevelSeconds + "s", "ASA s", "AHT s", "aband.", "occupancy"));
    for (QueueReport r : reports) {
      table.append(String.format(Locale.ROOT, ROW, r.queue(), r.strategy(), r.offered(), r.answered(),
          r.abandoned(), percent(r.serviceLevel()), seconds(r.averageSpeedOfAnswer()),
          seconds(r.averageHandleTime()), percent(r.abandonmentRate()), percent(r.occupancy())));
    }
    return table.toString();
  }

  private static String percent(double fraction) {
    return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  private static String seconds(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
  }
}
