package io.switchboard.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A workload extracted from a recording: callers and agent shifts in ms from {@code start}, what
 * actually happened to the same callers, and the counts of what was left out or adjusted.
 *
 * @param horizonMs length of the replay window; the simulation measures calls arriving within it
 * @param queues the queues of the callers and the agents, in name order
 * @param recorded how each replayed call really went, to report next to the simulated strategies
 */
record ReplayWorkload(
    Instant start,
    long horizonMs,
    List<String> queues,
    List<CallArrival> arrivals,
    List<AgentShift> shifts,
    List<FinishedCall> recorded,
    Map<ReplayCount, Long> counts) {

  ReplayWorkload {
    queues = List.copyOf(queues);
    arrivals = List.copyOf(arrivals);
    shifts = List.copyOf(shifts);
    recorded = List.copyOf(recorded);
    counts = Map.copyOf(counts);
  }

  long count(ReplayCount what) {
    return counts.getOrDefault(what, 0L);
  }
}
