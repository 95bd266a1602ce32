package io.switchboard.simulator;

import io.switchboard.schemas.avro.CallDirection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One caller of the workload, fixed before the run so that every strategy sees the same callers.
 *
 * @param atMs arrival, ms from the start of the simulation
 * @param handleMs talk time once an agent answers
 * @param patienceMs how long the caller waits before hanging up; {@link Long#MAX_VALUE} for ever
 * @param direction as in {@code CallCreated}; priority rules may depend on it
 */
record CallArrival(
    String callId,
    String queue,
    long atMs,
    long handleMs,
    long patienceMs,
    Map<String, String> attributes,
    List<String> tags,
    CallDirection direction) {

  CallArrival {
    attributes = Map.copyOf(attributes);
    tags = List.copyOf(tags);
    Objects.requireNonNull(direction, "direction");
  }

  /** An inbound caller, as the generator draws them. */
  CallArrival(String callId, String queue, long atMs, long handleMs, long patienceMs, Map<String, String> attributes,
      List<String> tags) {
    this(callId, queue, atMs, handleMs, patienceMs, attributes, tags, CallDirection.INBOUND);
  }
}
