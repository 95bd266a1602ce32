package io.switchboard.benchmarks.websocket;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The run's figures as Markdown tables, ready for docs/benchmarks.md. */
final class Results {

  /** One server's figures; a Kafka-only row has no sessions or memory of its own. */
  record Row(String server, ClientFleet.Opened opened, ServerMemory before, ServerMemory connected,
      ServerMemory afterPushes, FixedRate.Sent sent, PushLatencies.Summary latency, long closedByServer,
      long unstamped, String load) {

    static Row kafkaOnly(PushLatencies.Summary latency, Row gateway) {
      return new Row("Kafka alone (plain consumer)", null, null, null, null, gateway.sent, latency, 0, 0,
          gateway.load);
    }

    boolean hasSessions() {
      return opened != null;
    }

    double heapPerSessionKib() {
      return connected.perSessionKib(before, opened.open())[0];
    }

    double rssPerSessionKib() {
      return connected.perSessionKib(before, opened.open())[1];
    }
  }

  private Results() {}

  static void print(PrintStream out, WebSocketOptions options, List<Row> rows, List<String> described,
      String loadAtStart, String loadAtEnd) {
    out.println();
    out.printf(Locale.ROOT, "%,d sessions per server (distinct agents over %d tenants, RS256 tokens), %,d pushes/s "
            + "to random sessions for %d s after %d s of warm-up pushes; %,d warm-up sessions opened and closed "
            + "before memory is first read; handshakes %d at a time; offers expire %d s after they are made.%n",
        options.clients(), options.tenants(), options.rate(), options.seconds(), options.warmupSeconds(),
        options.warmupClients(), options.concurrency(), options.offerExpirySeconds());
    out.println("Machine: " + Machine.describe() + ", " + LocalDate.now() + "; load average " + loadAtStart
        + " at the start, " + loadAtEnd + " at the end.");
    described.forEach(line -> out.println("- " + line));
    out.println();
    out.println("| server | sessions open | failed | handshakes/s | heap after GC per session | RSS per session "
        + "| heap before → with sessions → after pushes | RSS before → with sessions → after pushes | closed by server |");
    out.println("|---|---:|---:|---:|---:|---:|---|---|---:|");
    for (Row row : rows) {
      if (!row.hasSessions()) {
        continue;
      }
      out.printf(Locale.ROOT, "| %s | %,d | %d | %,.0f | %.1f KiB | %.1f KiB | %s → %s → %s MiB | %s → %s → %s MiB | %d |%n",
          row.server(), row.opened().open(), row.opened().failed(),
          row.opened().open() / (row.opened().nanos() / 1e9), row.heapPerSessionKib(), row.rssPerSessionKib(),
          mib(row.before().heapBytes()), mib(row.connected().heapBytes()), mib(row.afterPushes().heapBytes()),
          mib(row.before().rssBytes()), mib(row.connected().rssBytes()), mib(row.afterPushes().rssBytes()),
          row.closedByServer());
    }
    out.println();
    out.println("| push latency | pushed | received | never arrived | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms "
        + "| sender late ms (max) | load average |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (Row row : rows) {
      PushLatencies.Summary latency = row.latency();
      out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s |%n",
          row.server(), row.sent().count(), latency.received(), row.sent().count() - latency.distinct(),
          latency.p50(), latency.p90(), latency.p99(), latency.p999(), latency.max(), row.sent().worstLateMs(),
          row.load());
      if (latency.negative() > 0 || latency.received() != latency.distinct() || row.unstamped() > 0) {
        out.printf(Locale.ROOT, "  (%s: %d negative latencies, %d duplicates, %d other frames)%n", row.server(),
            latency.negative(), latency.received() - latency.distinct(), row.unstamped());
      }
    }
    Optional<Row> gateway = find(rows, "gateway");
    if (gateway.isEmpty()) {
      return;
    }
    for (String baseline : List.of(PlainTarget.NAME, PlainTarget.KAFKA_NAME)) {
      Optional<Row> plain = find(rows, baseline);
      if (plain.isEmpty()) {
        continue;
      }
      Row g = gateway.get();
      Row p = plain.get();
      out.println();
      out.println("| measure | gateway | " + baseline + " | gateway / baseline |");
      out.println("|---|---:|---:|---:|");
      ratio(out, "heap after GC per session, KiB", g.heapPerSessionKib(), p.heapPerSessionKib());
      ratio(out, "RSS growth per session, KiB", g.rssPerSessionKib(), p.rssPerSessionKib());
      ratio(out, "push p50, ms", g.latency().p50(), p.latency().p50());
      ratio(out, "push p99, ms", g.latency().p99(), p.latency().p99());
      ratio(out, "push max, ms", g.latency().max(), p.latency().max());
    }
  }

  private static void ratio(PrintStream out, String measure, double gateway, double plain) {
    out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", measure, gateway, plain, gateway / plain);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,.0f", bytes / (1024.0 * 1024));
  }

  private static Optional<Row> find(List<Row> rows, String server) {
    return rows.stream().filter(row -> row.server().equals(server)).findFirst();
  }
}
