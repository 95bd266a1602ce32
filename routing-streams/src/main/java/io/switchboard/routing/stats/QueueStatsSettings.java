package io.switchboard.routing.stats;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the queue statistics need to know, independent of how they are run.
 *
 * @param source the {@code source} written in every {@code QueueStats} record (the instance id)
 * @param serviceLevelThreshold a call answered within this wait counts as within the service level
 * @param emitInterval the least time between two {@code queue.stats} records of one queue
 * @param checkInterval how often (wall clock) queues with held-back changes are looked at
 * @param intervalRetention how long past 15-minute intervals stay in the store
 * @param repartitionPartitions partitions of the internal topics that re-key events by tenant; the
 *     routing topology's value, so that the same tenants land on the same tasks
 * @param inMemoryStores keep stores in memory (restored from their changelogs) instead of RocksDB
 */
public record QueueStatsSettings(
    String source,
    Duration serviceLevelThreshold,
    Duration emitInterval,
    Duration checkInterval,
    Duration intervalRetention,
    int repartitionPartitions,
    boolean inMemoryStores) {

  public static final Duration DEFAULT_SERVICE_LEVEL = Duration.ofSeconds(20);
  public static final Duration DEFAULT_EMIT_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMillis(100);
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(1);

  public QueueStatsSettings {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(serviceLevelThreshold, "serviceLevelThreshold");
    Objects.requireNonNull(emitInterval, "emitInterval");
    Objects.requireNonNull(checkInterval, "checkInterval");
    Objects.requireNonNull(intervalRetention, "intervalRetention");
    if (serviceLevelThreshold.isNegative()) {
      throw new IllegalArgumentException("serviceLevelThreshold must not be negative: " + serviceLevelThreshold);
    }
    if (emitInterval.isNegative()) {
      throw new IllegalArgumentException("emitInterval must not be negative: " + emitInterval);
    }
    if (checkInterval.toMillis() < 1) {
      throw new IllegalArgumentException("checkInterval must be at least 1 ms: " + checkInterval);
    }
    if (intervalRetention.compareTo(QueueIntervals.LENGTH) < 0) {
      throw new IllegalArgumentException("intervalRetention must be at least one interval: " + intervalRetention);
    }
    if (repartitionPartitions < 1) {
      throw new IllegalArgumentException("repartitionPartitions must be at least 1: " + repartitionPartitions);
    }
  }

  /** The defaults: 20 s service level, at most one record per second per queue, one day of intervals. */
  public static QueueStatsSettings defaults(String source, int repartitionPartitions, boolean inMemoryStores) {
    return new QueueStatsSettings(source, DEFAULT_SERVICE_LEVEL, DEFAULT_EMIT_INTERVAL, DEFAULT_CHECK_INTERVAL,
        DEFAULT_RETENTION, repartitionPartitions, inMemoryStores);
  }
}
