package io.switchboard.routing.stats;

import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a {@link QueueSnapshot} out of the stores: the same code for the records the processors
 * write and for interactive queries, which see the stores read-only from another thread.
 */
record QueueSnapshots(
    ReadOnlyKeyValueStore<String, QueueState> queues,
    ReadOnlyKeyValueStore<String, IntervalCounts> intervals,
    ReadOnlyKeyValueStore<String, String> waiting) {

  private static final StringSerializer KEYS = new StringSerializer();

  static QueueSnapshots of(StatsStores stores) {
    return new QueueSnapshots(stores.queues(), stores.intervals(), stores.waiting());
  }

  /** Empty for a queue the tenant never had an event about. */
  Optional<QueueSnapshot> snapshot(String tenant, String queue, long now) {
    QueueState state = queues.get(StatsKeys.of(tenant, queue));
    if (state == null) {
      return Optional.empty();
    }
    IntervalCounts counts = state.latestInterval < 0 ? null
        : intervals.get(StatsKeys.interval(tenant, queue, state.latestInterval));
    return Optional.of(QueueSnapshot.of(tenant, queue, state, counts, oldestWaitingSince(tenant, queue), now));
  }

  /** The head of the queue's waiting index is its oldest call: one seek, whatever the queue's length. */
  private Long oldestWaitingSince(String tenant, String queue) {
    try (KeyValueIterator<String, String> it = waiting.prefixScan(StatsKeys.queuePrefix(tenant, queue), KEYS)) {
      return it.hasNext() ? StatsKeys.waitingSince(it.next().key) : null;
    }
  }
}
