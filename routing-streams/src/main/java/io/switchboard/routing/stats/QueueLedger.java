package io.switchboard.routing.stats;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The bookkeeping every statistics event goes through: calls entering and leaving the line, interval
 * counters, agents changing status. Each operation touches a constant number of keys (plus the
 * agent's queues), whatever the number of calls and agents, and remembers which queues changed.
 */
final class QueueLedger {

  private final StatsStores stores;
  private final QueueStatsSettings settings;
  private final Set<String> changed = new LinkedHashSet<>();

  QueueLedger(StatsStores stores, QueueStatsSettings settings) {
    this.stores = stores;
    this.settings = settings;
  }

  TrackedCall call(String tenant, String callId) {
    return stores.calls().get(StatsKeys.of(tenant, callId));
  }

  void put(String tenant, String callId, TrackedCall call) {
    stores.calls().put(StatsKeys.of(tenant, callId), call);
  }

  void forget(String tenant, String callId) {
    stores.calls().delete(StatsKeys.of(tenant, callId));
  }

  /** The call enters {@code queue} at {@code at}: it waits, and counts as offered in that interval. */
  TrackedCall enter(String tenant, String callId, String queue, long at) {
    TrackedCall call = TrackedCall.entered(queue, at);
    put(tenant, callId, call);
    startWaiting(tenant, callId, call, at);
    count(tenant, queue, at, counts -> counts.offered++);
    return call;
  }

  void startWaiting(String tenant, String callId, TrackedCall call, long at) {
    String key = StatsKeys.waiting(tenant, call.queue(), call.enteredAt(), callId);
    if (stores.waiting().get(key) == null) {
      stores.waiting().put(key, callId);
      queue(tenant, call.queue(), at, state -> state.waiting++);
    }
  }

  /** Idempotent: a call already out of the line changes nothing. */
  void stopWaiting(String tenant, String callId, TrackedCall call, long at) {
    String key = StatsKeys.waiting(tenant, call.queue(), call.enteredAt(), callId);
    if (stores.waiting().get(key) != null) {
      stores.waiting().delete(key);
      queue(tenant, call.queue(), at, state -> state.waiting = Math.max(0, state.waiting - 1));
    }
  }

  /** Changes the counters of the interval holding {@code at}. */
  void count(String tenant, String queue, long at, Consumer<IntervalCounts> change) {
    String key = StatsKeys.interval(tenant, queue, QueueIntervals.startOf(at));
    IntervalCounts counts = stores.intervals().get(key);
    if (counts == null) {
      counts = new IntervalCounts();
    }
    change.accept(counts);
    stores.intervals().put(key, counts);
    queue(tenant, queue, at, state -> { });
  }

  /** Changes the real-time state of a queue; an event in a later interval makes that interval the current one. */
  void queue(String tenant, String queue, long at, Consumer<QueueState> change) {
    String key = StatsKeys.of(tenant, queue);
    QueueState state = stores.queues().get(key);
    if (state == null) {
      state = new QueueState();
    }
    change.accept(state);
    long interval = QueueIntervals.startOf(at);
    if (interval > state.latestInterval) {
      state.latestInterval = interval;
      prune(tenant, queue, interval - settings.intervalRetention().toMillis());
    }
    stores.queues().put(key, state);
    changed.add(key);
  }

  /**
   * Changes an agent ({@code null} when unknown; answer {@code null} to remove it) and moves it
   * between the status counts of its queues.
   */
  void agent(String tenant, String agentId, long at, UnaryOperator<TrackedAgent> change) {
    String key = StatsKeys.of(tenant, agentId);
    TrackedAgent before = stores.agents().get(key);
    TrackedAgent after = change.apply(before);
    if (after == null ? before == null : after.equals(before)) {
      return;
    }
    if (before != null) {
      for (String queue : before.queues()) {
        queue(tenant, queue, at, state -> state.addAgent(before.status(), -1));
      }
    }
    if (after == null) {
      stores.agents().delete(key);
      return;
    }
    for (String queue : after.queues()) {
      queue(tenant, queue, at, state -> state.addAgent(after.status(), 1));
    }
    stores.agents().put(key, after);
  }

  /** Queue keys changed since the last call. */
  Set<String> drainChanged() {
    Set<String> drained = Set.copyOf(changed);
    changed.clear();
    return drained;
  }

  private void prune(String tenant, String queue, long before) {
    List<KeyValue<String, IntervalCounts>> old = new ArrayList<>();
    try (KeyValueIterator<String, IntervalCounts> it = stores.intervals()
        .range(StatsKeys.queuePrefix(tenant, queue), StatsKeys.interval(tenant, queue, before - 1))) {
      it.forEachRemaining(old::add);
    }
    old.forEach(entry -> stores.intervals().delete(entry.key));
  }
}
