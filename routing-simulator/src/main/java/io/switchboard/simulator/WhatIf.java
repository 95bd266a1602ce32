package io.switchboard.simulator;

import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.RoutingStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one workload once per strategy, each time in a fresh topology, and collects the reports.
 * Every strategy sees the very same callers and agents (drawn once from the seed), so differences
 * come from routing, not from luck.
 */
final class WhatIf {

  /** The strategy the engine uses when no {@code queue.config} says otherwise. */
  static final String BUILT_IN = "LONGEST_IDLE";
  private static final Logger log = LoggerFactory.getLogger(WhatIf.class);
  private static final Instant EPOCH = Instant.parse("2026-01-05T08:00:00Z");

  private final List<String> queues;
  private final List<AgentShift> agents;
  private final List<CallArrival> arrivals;
  private final SimulationSettings settings;

  WhatIf(List<QueueWorkload> queues, List<AgentShift> agents, SimulationSettings settings, long seed) {
    this(queues, agents, WorkloadGenerator.generate(queues, settings.horizonMs(), seed), settings);
  }

  WhatIf(List<QueueWorkload> queues, List<AgentShift> agents, List<CallArrival> arrivals,
      SimulationSettings settings) {
    this(queues.stream().map(QueueWorkload::queue).collect(Collectors.toList()), agents, arrivals, settings);
  }

  private WhatIf(Collection<String> queues, List<AgentShift> agents, List<CallArrival> arrivals,
      SimulationSettings settings) {
    this.queues = List.copyOf(queues);
    this.agents = List.copyOf(agents);
    this.arrivals = List.copyOf(arrivals);
    this.settings = settings;
  }

  /** A workload given call by call, e.g. replayed from a recording, over the named queues. */
  static WhatIf of(Collection<String> queues, List<AgentShift> agents, List<CallArrival> arrivals,
      SimulationSettings settings) {
    return new WhatIf(queues, agents, arrivals, settings);
  }

  /** Reports of each strategy the engine can run; {@code notes} hears why others were skipped. */
  List<QueueReport> compare(List<String> strategies, Consumer<String> notes) {
    for (String strategy : strategies) {
      if (Arrays.stream(RoutingStrategy.values()).noneMatch(known -> known.name().equals(strategy))) {
        throw new IllegalArgumentException("Unknown strategy " + strategy + "; known: "
            + Arrays.toString(RoutingStrategy.values()));
      }
    }
    List<QueueReport> reports = new ArrayList<>();
    for (String strategy : strategies) {
      try (RoutingDriver routing = new RoutingDriver(settings.reservationTimeout(), EPOCH)) {
        if (!routing.readsQueueConfig() && !BUILT_IN.equals(strategy)) {
          notes.accept("This build of routing-streams does not read queue.config, so only its built-in "
              + BUILT_IN + " strategy can be simulated; skipped " + strategy + ".");
          continue;
        }
        reports.addAll(run(routing, strategy, call -> { }));
      }
    }
    return reports;
  }

  /** One run with the given strategy, telling {@code onFinished} about every call. */
  List<QueueReport> run(RoutingDriver routing, String strategy, Consumer<FinishedCall> onFinished) {
    if (routing.readsQueueConfig()) {
      for (String queue : queues) {
        routing.queueConfig(QueueConfig.newBuilder().setQueue(queue)
            .setStrategy(RoutingStrategy.valueOf(strategy))
            .setServiceLevelSeconds((int) settings.serviceLevel().toSeconds())
            .setReservationTimeoutSeconds((int) Math.max(1, settings.reservationTimeout().toSeconds())));
      }
    }
    log.info("Simulating {} calls, {} agent shifts, strategy {}", arrivals.size(), agents.size(), strategy);
    Simulation simulation = new Simulation(routing, settings, arrivals, agents, queues, onFinished);
    return simulation.run(routing.readsQueueConfig() ? strategy : strategy + " (built-in)");
  }

  static Instant epoch() {
    return EPOCH;
  }
}
