package io.switchboard.benchmarks.broker;

import io.switchboard.benchmarks.broker.PhaseRunner.Row;
import io.switchboard.routing.queue.PriorityRules;
import io.switchboard.routing.queue.RoutingSettings;
import io.switchboard.routing.queue.RoutingTopology;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.SharedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routing through the real broker, exactly-once, in one JVM with the embedded KRaft broker: calls
 * arrive at fixed rates (latency arrival → offer) and then as fast as a window of open calls allows
 * (sustained calls per second, each with its offer, accept and end); then a pass-through topology
 * with one store get+put per record is measured the same way, as the baseline. Prints Markdown
 * tables. Run with {@code bench/routing-broker.sh [--name=value ...]}.
 */
public final class RoutingLoadBenchmark {

  private static final Logger log = LoggerFactory.getLogger(RoutingLoadBenchmark.class);

  private RoutingLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    int status = 0;
    Path stateRoot = Files.createTempDirectory("routing-broker-bench-");
    try {
      run(options, stateRoot);
    } catch (Exception | Error e) {
      log.error("Benchmark failed", e);
      status = 1;
    } finally {
      delete(stateRoot);
    }
    System.exit(status); // the broker's threads would keep the JVM up; its shutdown hook stops it
  }

  private static void run(LoadOptions options, Path stateRoot) throws Exception {
    String bootstrap = SharedKafka.bootstrapServers(); // creates the catalogue topics
    SharedKafka.createTopics(PassThroughTopology.TOPICS);
    List<String> tenants = Tenants.spread(options.tenants(), Topics.CALL_EVENTS.partitions());
    int topRate = Collections.max(options.rates());
    List<Row> rows = new ArrayList<>();

    RoutingSettings settings = new RoutingSettings("bench-routing", Duration.ofSeconds(15), Duration.ofSeconds(1),
        Topics.CALL_EVENTS.partitions(), PriorityRules.DEFAULT, options.inMemoryStores());
    try (CallDriver calls = new CallDriver(bootstrap, tenants, options.agentsPerTenant());
        BenchStreams routing = BenchStreams.start(RoutingTopology.build(settings), "bench-routing", bootstrap,
            stateRoot.resolve("routing"), options.commitIntervalMs())) {
      log.info("Signing in {} agents over {} tenants", tenants.size() * options.agentsPerTenant(), tenants.size());
      calls.signIn();
      PhaseRunner phases = new PhaseRunner("routing", calls, calls::notOffered, () -> {
        routing.checkRunning();
        calls.check();
      }, options.drainSeconds());
      rows.addAll(runPhases(phases, options, options.window()));
      if (!calls.unexpectedDecisions().isEmpty()) {
        log.warn("Unexpected decisions or failed sends: {}", calls.unexpectedDecisions());
      }
    }

    if (options.baseline()) {
      try (PassThroughDriver records = new PassThroughDriver(bootstrap, tenants);
          BenchStreams baseline = BenchStreams.start(PassThroughTopology.build(options.inMemoryStores()),
              "bench-passthrough", bootstrap, stateRoot.resolve("passthrough"), options.commitIntervalMs())) {
        PhaseRunner phases = new PhaseRunner("baseline", records, records::notReached, () -> {
          baseline.checkRunning();
          records.check();
        }, options.drainSeconds());
        rows.addAll(runPhases(phases, options, options.baselineWindow()));
        if (records.failedSends() > 0) {
          log.warn("{} baseline sends failed", records.failedSends());
        }
      }
    }

    String described = String.format("Exactly-once v2, commit.interval.ms=%d, %s stores, one stream thread; "
            + "%d tenants × %d agents (capacity 1, one queue, no wrap-up); phases of %d s after a %d s warm-up "
            + "at %d/s; max phases: %d s ramp + %d s measured.",
        options.commitIntervalMs(), options.inMemoryStores() ? "in-memory" : "RocksDB", tenants.size(),
        options.agentsPerTenant(), options.phaseSeconds(), options.warmupSeconds(), topRate, options.rampSeconds(),
        options.maxSeconds());
    ResultTable.print(System.out, rows, topRate, described);
  }

  /** Warm-up at the highest rate, each fixed rate, then as fast as {@code window} open units allow. */
  private static List<Row> runPhases(PhaseRunner phases, LoadOptions options, int window) throws InterruptedException {
    List<Row> rows = new ArrayList<>();
    phases.warmUp(Collections.max(options.rates()), options.warmupSeconds());
    for (int rate : options.rates()) {
      rows.add(phases.paced(rate, options.phaseSeconds()));
    }
    rows.add(phases.flatOut(window, options.rampSeconds(), options.maxSeconds()));
    return rows;
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
