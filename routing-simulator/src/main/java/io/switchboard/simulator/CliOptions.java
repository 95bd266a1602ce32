package io.switchboard.simulator;

import io.switchboard.schemas.avro.RoutingStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line, {@code --name=value} options, turned into a workload, agents and settings.
 * A bad option fails with a message naming it.
 */
final class CliOptions {

  static final String USAGE = String.join("\n",
      "Usage: java -jar routing-simulator.jar [--option=value ...]",
      "  --queues=general                 queue names, comma-separated",
      "  --arrivals-per-hour=100          Poisson arrival rate, one value for all queues or one per queue",
      "  --aht-seconds=300                mean handle time",
      "  --handle-sd-seconds=             standard deviation: log-normal handle times (default exponential)",
      "  --patience-seconds=              mean caller patience, exponential (default: nobody abandons)",
      "  --agents=10                      agent count serving every queue, or groups: 6:sales,4:sales+support",
      "  --capacity=1                     concurrent calls per agent",
      "  --shift-hours=0-8                when the agents work, hours from the start (default the whole run)",
      "  --hours=8                        hours of arrivals",
      "  --warm-up-minutes=0              arrivals not counted at the start",
      "  --sl-seconds=20                  service level threshold",
      "  --ring-delay-seconds=0           how long an agent takes to answer an offer",
      "  --reservation-timeout-seconds=15 how long the engine holds an offer",
      "  --attributes=vip=true:0.1        call attribute probabilities",
      "  --tags=urgent:0.05               call tag probabilities",
      "  --strategy=LONGEST_IDLE          strategies to compare, comma-separated",
      "  --seed=42                        random seed; the same seed gives the same run",
      "Replay a recording instead (the options of a generated workload above then do not apply):",
      "  --replay-bootstrap=host:9092     read call.events and agent.events from this Kafka cluster",
      "  --tenant=acme                    the tenant to replay (required with --replay-bootstrap)",
      "  --from=2026-01-05T08:00:00Z      start of the replay window (default: the tenant's first event)",
      "  --to=2026-01-05T18:00:00Z        end of the replay window (default: after the tenant's last event)");

  private static final Set<String> KNOWN = Set.of("queues", "arrivals-per-hour", "aht-seconds", "handle-sd-seconds",
      "patience-seconds", "agents", "capacity", "shift-hours", "hours", "warm-up-minutes", "sl-seconds",
      "ring-delay-seconds", "reservation-timeout-seconds", "attributes", "tags", "strategy", "seed",
      "replay-bootstrap", "tenant", "from", "to");

  private final Map<String, String> values = new LinkedHashMap<>();
  private final ReplayOptions replay;

  CliOptions(String... args) {
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'");
      }
      String name = arg.substring(2, arg.indexOf('='));
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException("Unknown option --" + name);
      }
      values.put(name, arg.substring(arg.indexOf('=') + 1));
    }
    replay = ReplayOptions.of(values);
  }

  /** The recording to replay, or {@code null} to generate the workload. */
  ReplayOptions replay() {
    return replay;
  }

  List<String> queueNames() {
    return split(text("queues", "general"));
  }

  List<QueueWorkload> queues() {
    List<String> names = queueNames();
    List<String> rates = split(text("arrivals-per-hour", "100"));
    if (rates.size() != 1 && rates.size() != names.size()) {
      throw new IllegalArgumentException("--arrivals-per-hour needs one value or one per queue (" + names.size() + ")");
    }
    double aht = number("aht-seconds", 300);
    Distribution handle = values.containsKey("handle-sd-seconds")
        ? Distribution.logNormal(aht, number("handle-sd-seconds", 0)) : Distribution.exponential(aht);
    Distribution patience = values.containsKey("patience-seconds")
        ? Distribution.exponential(number("patience-seconds", 0)) : null;
    List<QueueWorkload> queues = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      double rate = parse("arrivals-per-hour", rates.get(rates.size() == 1 ? 0 : i));
      queues.add(new QueueWorkload(names.get(i), rate, handle, patience, probabilities("attributes"),
          probabilities("tags")));
    }
    return queues;
  }

  List<AgentShift> agents() {
    long[] shift = shiftMs();
    int capacity = (int) number("capacity", 1);
    List<AgentShift> agents = new ArrayList<>();
    for (String group : split(text("agents", "10"))) {
      String[] countQueues = group.split(":", 2);
      int count = (int) parse("agents", countQueues[0]);
      List<String> queues = countQueues.length > 1 ? Arrays.asList(countQueues[1].split("\\+")) : queueNames();
      for (int i = 0; i < count; i++) {
        agents.add(new AgentShift(String.format("agent-%04d", agents.size() + 1), queues, capacity, shift[0],
            shift[1]));
      }
    }
    return agents;
  }

  SimulationSettings settings() {
    return settings(Math.round(number("hours", 8) * 3_600_000));
  }

  /** Settings over a given horizon, e.g. the length of a replayed recording. */
  SimulationSettings settings(long horizonMs) {
    return new SimulationSettings(Math.round(number("warm-up-minutes", 0) * 60_000), horizonMs,
        seconds("sl-seconds", 20), seconds("ring-delay-seconds", 0), seconds("reservation-timeout-seconds", 15));
  }

  List<String> strategies() {
    List<String> strategies = split(text("strategy", WhatIf.BUILT_IN));
    for (String strategy : strategies) {
      if (Arrays.stream(RoutingStrategy.values()).noneMatch(known -> known.name().equals(strategy))) {
        throw new IllegalArgumentException("--strategy: unknown " + strategy + "; known: "
            + Arrays.toString(RoutingStrategy.values()));
      }
    }
    return strategies;
  }

  long seed() {
    return (long) number("seed", 42);
  }

  private long[] shiftMs() {
    if (!values.containsKey("shift-hours")) {
      return new long[] {0, Long.MAX_VALUE};
    }
    String[] range = text("shift-hours", "").split("-", 2);
    if (range.length != 2) {
      throw new IllegalArgumentException("--shift-hours needs start-end, e.g. 0-8");
    }
    return new long[] {Math.round(parse("shift-hours", range[0]) * 3_600_000),
        Math.round(parse("shift-hours", range[1]) * 3_600_000)};
  }

  /** {@code name:probability,...}; the name may itself hold {@code =} (attributes). */
  private Map<String, Double> probabilities(String option) {
    Map<String, Double> result = new LinkedHashMap<>();
    for (String entry : split(text(option, ""))) {
      int colon = entry.lastIndexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException("--" + option + " needs name:probability, got '" + entry + "'");
      }
      double probability = parse(option, entry.substring(colon + 1));
      if (probability < 0 || probability > 1) {
        throw new IllegalArgumentException("--" + option + ": probability must be within 0..1, got " + probability);
      }
      result.put(entry.substring(0, colon), probability);
    }
    return result;
  }

  private Duration seconds(String name, double fallback) {
    return Duration.ofMillis(Math.round(number(name, fallback) * 1000));
  }

  private double number(String name, double fallback) {
    return values.containsKey(name) ? parse(name, values.get(name)) : fallback;
  }

  private String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  private static double parse(String name, String value) {
    try {
      double parsed = Double.parseDouble(value.trim());
      if (parsed < 0 || Double.isNaN(parsed) || Double.isInfinite(parsed)) {
        throw new IllegalArgumentException("--" + name + " must be a non-negative number, got '" + value + "'");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'", e);
    }
  }

  private static List<String> split(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
