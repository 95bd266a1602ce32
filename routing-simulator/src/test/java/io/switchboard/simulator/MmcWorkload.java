package io.switchboard.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An M/M/c workload: one queue, Poisson arrivals, exponential handle times, c agents all day, no abandonment. */
record MmcWorkload(int agents, double occupancy, double handleSeconds, int warmUpCalls, int measuredCalls) {

  static final String QUEUE = "mmc";

  double arrivalsPerSecond() {
    return occupancy * agents / handleSeconds;
  }

  ErlangC theory() {
    return new ErlangC(agents, arrivalsPerSecond(), 1 / handleSeconds);
  }

  List<QueueWorkload> queues() {
    return List.of(QueueWorkload.poisson(QUEUE, arrivalsPerSecond() * 3600,
        Distribution.exponential(handleSeconds)));
  }

  List<AgentShift> shifts() {
    List<AgentShift> shifts = new ArrayList<>();
    for (int i = 1; i <= agents; i++) {
      shifts.add(new AgentShift(String.format("agent-%03d", i), List.of(QUEUE), 1, 0, Long.MAX_VALUE));
    }
    return shifts;
  }

  /** Warm-up and measured window sized by expected arrivals; ring delay 0, nobody abandons. */
  SimulationSettings settings(Duration serviceLevel) {
    long warmUpMs = Math.round(warmUpCalls / arrivalsPerSecond() * 1000);
    long horizonMs = warmUpMs + Math.round(measuredCalls / arrivalsPerSecond() * 1000);
    return new SimulationSettings(warmUpMs, horizonMs, serviceLevel, Duration.ZERO, Duration.ofSeconds(15));
  }

  @Override
  public String toString() {
    return "M/M/" + agents + " at occupancy " + occupancy;
  }
}
