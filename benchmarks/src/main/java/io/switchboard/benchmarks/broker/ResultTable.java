package io.switchboard.benchmarks.broker;

import io.switchboard.benchmarks.broker.PhaseRunner.Row;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The run's figures as Markdown tables, ready for docs/benchmarks.md. */
final class ResultTable {

  private ResultTable() {}

  static void print(PrintStream out, List<Row> rows, int rate, String settings) {
    out.println();
    out.println(settings);
    out.println();
    out.println("| topology | load | sent | complete | per second | p50 ms | p90 ms | p99 ms | max ms | sender late ms | never reached |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (Row row : rows) {
      out.println(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %,.0f | %.1f | %.1f | %.1f | %.1f | %s | %d |",
          row.topology(), row.phase(), row.sent(), row.completed(), row.perSecond(), row.p50(), row.p90(), row.p99(),
          row.max(), Double.isNaN(row.senderLateMs()) ? "–" : String.format(Locale.ROOT, "%.1f", row.senderLateMs()),
          row.missing()));
    }
    Optional<Row> routingMax = find(rows, "routing", "max");
    Optional<Row> baselineMax = find(rows, "baseline", "max");
    Optional<Row> routingAtRate = find(rows, "routing", rate + "/s");
    Optional<Row> baselineAtRate = find(rows, "baseline", rate + "/s");
    if (routingMax.isEmpty() || baselineMax.isEmpty() || routingAtRate.isEmpty() || baselineAtRate.isEmpty()) {
      return;
    }
    out.println();
    out.println("| measure | routing | pass-through baseline | routing / baseline |");
    out.println("|---|---|---|---|");
    ratio(out, "max per second (calls; records)", routingMax.get().perSecond(), baselineMax.get().perSecond(), "%,.0f");
    ratio(out, "max input records per second (4 call events per call)", 4 * routingMax.get().perSecond(),
        baselineMax.get().perSecond(), "%,.0f");
    ratio(out, "p50 ms at " + rate + "/s", routingAtRate.get().p50(), baselineAtRate.get().p50(), "%.1f");
    ratio(out, "p99 ms at " + rate + "/s", routingAtRate.get().p99(), baselineAtRate.get().p99(), "%.1f");
  }

  private static void ratio(PrintStream out, String measure, double routing, double baseline, String format) {
    out.println(String.format(Locale.ROOT, "| %s | " + format + " | " + format + " | %.2f |", measure, routing,
        baseline, routing / baseline));
  }

  private static Optional<Row> find(List<Row> rows, String topology, String loadPrefix) {
    return rows.stream().filter(row -> row.topology().equals(topology) && row.phase().startsWith(loadPrefix))
        .findFirst();
  }
}
