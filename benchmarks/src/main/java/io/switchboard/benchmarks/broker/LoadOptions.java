package io.switchboard.benchmarks.broker;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of one run, from {@code --name=value} arguments; the defaults fit a 2-core machine and
 * take about 4.5 minutes when routing keeps up (see docs/benchmarks.md).
 *
 * @param tenants tenants the calls and agents spread over (routing is partitioned by tenant)
 * @param agentsPerTenant agents of each tenant, all in one queue, capacity 1
 * @param warmupSeconds routing at the highest latency rate before anything is measured
 * @param phaseSeconds length of each fixed-rate phase
 * @param rates arrivals (records for the baseline) per second of the fixed-rate phases
 * @param maxSeconds measured window of the max-throughput phases
 * @param rampSeconds unmeasured start of the max-throughput phases
 * @param window open calls at most in the routing max phase (each holds an agent until it ends)
 * @param baselineWindow records in flight at most in the baseline max phase
 * @param commitIntervalMs {@code commit.interval.ms} of both topologies
 * @param inMemoryStores in-memory stores instead of RocksDB, for both topologies
 * @param drainSeconds how long a phase waits for its last calls to complete
 * @param baseline whether to run the pass-through baseline after routing
 */
record LoadOptions(
    int tenants,
    int agentsPerTenant,
    int warmupSeconds,
    int phaseSeconds,
    List<Integer> rates,
    int maxSeconds,
    int rampSeconds,
    int window,
    int baselineWindow,
    int commitIntervalMs,
    boolean inMemoryStores,
    int drainSeconds,
    boolean baseline) {

  static final String USAGE = "options (--name=value): tenants=12 agents-per-tenant=250 warmup-seconds=10 "
      + "phase-seconds=30 rates=100,1000 max-seconds=30 ramp-seconds=5 window=2000 baseline-window=20000 "
      + "commit-interval-ms=20 in-memory-stores=false drain-seconds=120 baseline=true";

  LoadOptions {
    rates = List.copyOf(rates);
    if (tenants < 1 || agentsPerTenant < 1 || window < 1 || baselineWindow < 1 || commitIntervalMs < 1) {
      throw new IllegalArgumentException("tenants, agents-per-tenant, windows and commit interval must be positive");
    }
    if (window > tenants * agentsPerTenant) {
      // More open calls than agents would measure calls waiting for agents, not routing.
      throw new IllegalArgumentException("window " + window + " exceeds the " + tenants * agentsPerTenant + " agents");
    }
  }

  static LoadOptions parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + arg + "; " + USAGE);
      }
      given.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    Reader in = new Reader(given);
    LoadOptions options = new LoadOptions(in.integer("tenants", 12), in.integer("agents-per-tenant", 250),
        in.integer("warmup-seconds", 10), in.integer("phase-seconds", 30),
        Arrays.stream(in.text("rates", "100,1000").split(",")).map(String::trim).map(Integer::valueOf).toList(),
        in.integer("max-seconds", 30), in.integer("ramp-seconds", 5), in.integer("window", 2000),
        in.integer("baseline-window", 20_000), in.integer("commit-interval-ms", 20),
        Boolean.parseBoolean(in.text("in-memory-stores", "false")), in.integer("drain-seconds", 120),
        Boolean.parseBoolean(in.text("baseline", "true")));
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + given.keySet() + "; " + USAGE);
    }
    return options;
  }

  /** Takes each option out of the map, so that what is left over is unknown. */
  private record Reader(Map<String, String> given) {
    int integer(String name, int fallback) {
      String value = given.remove(name);
      return value == null ? fallback : Integer.parseInt(value);
    }

    String text(String name, String fallback) {
      String value = given.remove(name);
      return value == null ? fallback : value;
    }
  }
}
