package io.switchboard.routing.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the routing topology needs to know, independent of how it is run.
 *
 * @param source the {@code source} written in every decision (the service instance id)
 * @param reservationTimeout how long an agent has to answer an offer
 * @param reservationCheckInterval how often expired reservations are looked for (wall clock)
 * @param repartitionPartitions partitions of the internal topics that re-key events by tenant
 * @param inMemoryStores keep stores in memory (restored from their changelogs) instead of RocksDB
 */
public record RoutingSettings(
    String source,
    Duration reservationTimeout,
    Duration reservationCheckInterval,
    int repartitionPartitions,
    PriorityRules priorityRules,
    boolean inMemoryStores) {

  public RoutingSettings {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reservationTimeout, "reservationTimeout");
    Objects.requireNonNull(reservationCheckInterval, "reservationCheckInterval");
    Objects.requireNonNull(priorityRules, "priorityRules");
    if (reservationTimeout.isNegative() || reservationTimeout.isZero()) {
      throw new IllegalArgumentException("reservationTimeout must be positive: " + reservationTimeout);
    }
    if (reservationCheckInterval.toMillis() < 1) {
      throw new IllegalArgumentException("reservationCheckInterval must be at least 1 ms: " + reservationCheckInterval);
    }
    if (repartitionPartitions < 1) {
      throw new IllegalArgumentException("repartitionPartitions must be at least 1: " + repartitionPartitions);
    }
  }
}
