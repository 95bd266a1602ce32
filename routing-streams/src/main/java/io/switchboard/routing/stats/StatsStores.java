package io.switchboard.routing.stats;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** The seven statistics stores of one stream task; a task owns whole tenants, so keys start with the tenant. */
record StatsStores(
    KeyValueStore<String, TrackedCall> calls,
    KeyValueStore<String, String> waiting,
    KeyValueStore<String, TrackedAgent> agents,
    KeyValueStore<String, QueueState> queues,
    KeyValueStore<String, IntervalCounts> intervals,
    KeyValueStore<String, String> dirty,
    KeyValueStore<String, String> ended) {

  static StatsStores of(ProcessorContext<?, ?> context) {
    return new StatsStores(
        context.getStateStore(QueueStatsTopology.CALLS_STORE),
        context.getStateStore(QueueStatsTopology.WAITING_STORE),
        context.getStateStore(QueueStatsTopology.AGENTS_STORE),
        context.getStateStore(QueueStatsTopology.QUEUES_STORE),
        context.getStateStore(QueueStatsTopology.INTERVALS_STORE),
        context.getStateStore(QueueStatsTopology.DIRTY_STORE),
        context.getStateStore(QueueStatsTopology.ENDED_STORE));
  }
}
