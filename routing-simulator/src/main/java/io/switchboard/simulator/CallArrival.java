package io.switchboard.simulator;

import java.util.List;
import java.util.Map;

/**
 * One caller of the workload, fixed before the run so that every strategy sees the same callers.
 *
 * @param atMs arrival, ms from the start of the simulation
 * @param handleMs talk time once an agent answers
 * @param patienceMs how long the caller waits before hanging up; {@link Long#MAX_VALUE} for ever
 */
record CallArrival(
    String callId,
    String queue,
    long atMs,
    long handleMs,
    long patienceMs,
    Map<String, String> attributes,
    List<String> tags) {

  CallArrival {
    attributes = Map.copyOf(attributes);
    tags = List.copyOf(tags);
  }
}
