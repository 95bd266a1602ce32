package io.switchboard.benchmarks.callstate;

import io.switchboard.benchmarks.callstate.EventLoad.Produced;
import io.switchboard.benchmarks.callstate.ServiceRun.Timing;
import io.switchboard.testsupport.SharedKafka;
import io.switchboard.testsupport.SharedPostgres;
import io.switchboard.testsupport.TestDatabase;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call-state projection's sustained rate and replay time (issue 4): one JVM with the embedded
 * KRaft broker and PostgreSQL; N events of answered calls are produced first, then the real
 * call-state service reads them from the beginning into a fresh database (exactly-once: rows and
 * offsets in one transaction, calls folded from their log), then a plain-insert baseline reads the
 * same topics into another fresh database. Prints Markdown tables. Run with
 * {@code bench/call-state-projection.sh [--name=value ...]}.
 */
public final class ProjectionBenchmark {

  private static final Logger log = LoggerFactory.getLogger(ProjectionBenchmark.class);
  private static final String ROW_COUNTS = """
      SELECT (SELECT count(*) FROM call_events) AS call_events, (SELECT count(*) FROM calls) AS calls,
             (SELECT count(*) FROM calls WHERE state = 'ENDED') AS ended,
             (SELECT count(*) FROM routing_decisions) AS routing_decisions,
             (SELECT count(*) FROM agent_status_history) AS agent_status_history""";

  private ProjectionBenchmark() {}

  public static void main(String[] args) {
    ProjectionOptions options;
    try {
      options = ProjectionOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    int status = 0;
    try {
      run(options, System.out);
    } catch (Exception | Error e) {
      log.error("Benchmark failed", e);
      status = 1;
    }
    System.exit(status); // the broker's and PostgreSQL's shutdown hooks stop them
  }

  private static void run(ProjectionOptions options, PrintStream out) throws Exception {
    String bootstrap = SharedKafka.bootstrapServers(); // creates the catalogue topics
    TestDatabase serviceDb = SharedPostgres.newDatabase("bench_projection");
    TestDatabase baselineDb = SharedPostgres.newDatabase("bench_baseline");

    long start = System.nanoTime();
    Produced produced = new EventLoad().produce(bootstrap, options);
    Map<TopicPartition, Long> ends = TopicEnds.read(bootstrap);
    log.info(String.format(Locale.ROOT, "Produced %,d events (%,d calls) in %.1f s: %s", produced.total(),
        produced.calls(), Progress.seconds(System.nanoTime() - start), produced.byType()));
    if (TopicEnds.total(ends) != produced.total()) {
      throw new IllegalStateException("The topics hold " + TopicEnds.total(ends) + " records, " + produced.total()
          + " were produced: the figures would not be about the events counted");
    }

    Timing service = ServiceRun.run(serviceDb, bootstrap, ends, options);
    Map<String, Object> serviceRows = serviceDb.query(ROW_COUNTS).get(0);
    log.info("Service rows: {}", serviceRows);

    Long baselineNanos = null;
    Map<String, Object> baselineRows = null;
    if (options.baseline()) {
      PlainBaseline.migrate(baselineDb);
      baselineNanos = new PlainBaseline().run(baselineDb, bootstrap, ends, options);
      baselineRows = baselineDb.query(ROW_COUNTS).get(0);
      log.info("Baseline rows: {}", baselineRows);
    }
    print(out, options, produced, service, serviceRows, baselineNanos, baselineRows);
  }

  private static void print(PrintStream out, ProjectionOptions options, Produced produced, Timing service,
      Map<String, Object> serviceRows, Long baselineNanos, Map<String, Object> baselineRows) {
    long n = produced.total();
    long projecting = service.totalNanos() - service.startupNanos();
    out.println();
    out.println(String.format(Locale.ROOT, "%,d events: %,d calls over %d tenants, %d agents each; by type %s; "
            + "max-poll-records=%d.", n, produced.calls(), options.tenants(), options.agentsPerTenant(),
        produced.byType(), options.maxPollRecords()));
    out.println();
    out.println("| run | events | seconds | events/s |");
    out.println("|---|---:|---:|---:|");
    row(out, "call-state service: replay from the beginning, start-up included", n, service.totalNanos());
    row(out, "call-state service: after start-up (" + String.format(Locale.ROOT, "%.1f s",
        Progress.seconds(service.startupNanos())) + ")", n, projecting);
    if (service.replayNanos() != null) {
      row(out, "call-state service: **replay** (`/admin/replay`: fresh tables while the live ones serve, "
          + "then the switch-over; live projection paused " + service.replay().pausedMillis() + " ms)",
          service.replay().records(), service.replayNanos());
    }
    if (baselineNanos != null) {
      row(out, "plain-insert baseline", n, baselineNanos);
      out.println();
      out.println(String.format(Locale.ROOT, "| measure | service | baseline | service / baseline |%n|---|---:|---:|---:|%n"
              + "| events/s (service after start-up) | %,.0f | %,.0f | %.2f |", n / Progress.seconds(projecting),
          n / Progress.seconds(baselineNanos), (double) baselineNanos / projecting));
    }
    out.println();
    out.println("| rows | service | baseline |");
    out.println("|---|---:|---:|");
    for (String column : List.of("call_events", "calls", "ended", "routing_decisions", "agent_status_history")) {
      out.println(String.format(Locale.ROOT, "| %s | %,d | %s |", column.equals("ended") ? "calls ENDED" : column,
          ((Number) serviceRows.get(column)).longValue(), baselineRows == null ? "–"
              : String.format(Locale.ROOT, "%,d", ((Number) baselineRows.get(column)).longValue())));
    }
  }

  private static void row(PrintStream out, String run, long events, long nanos) {
    out.println(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f |", run, events, Progress.seconds(nanos),
        events / Progress.seconds(nanos)));
  }
}
