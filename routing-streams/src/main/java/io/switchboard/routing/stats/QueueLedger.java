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
    return enter(tenant, callId, queue, at, null);
  }

  /**
   * As {@link #enter(String, String, String, long)}; a call whose end was already seen ({@code before}
   * {@link TrackedCall#gone}) counts as offered but does not wait: it keeps its end, so the engine's
   * closing decisions forget it.
   */
  TrackedCall enter(String tenant, String callId, String queue, long at, TrackedCall before) {
    TrackedCall call = TrackedCall.entered(queue, at);
    if (before != null && before.gone()) {
      call = call.ended(before.endOutcome(), before.endedAt());
      put(tenant, callId, call);
    } else {
      put(tenant, callId, call);
      startWaiting(tenant, callId, call, at);
    }
    count(tenant, queue, at, counts -> counts.offered++);
    return call;
  }

  /** Keeps a call whose end was seen, until the engine's last word on it or until it expires. */
  void putEnded(String tenant, String callId, TrackedCall call) {
    put(tenant, callId, call);
    stores.ended().put(StatsKeys.ended(call.endedAt(), tenant, callId), callId);
  }

  /**
   * Forgets ends seen before {@code before} that are still kept (the engine never followed them up,
   * e.g. a call that ended before it was queued): one seek, then only expired entries.
   */
  void expireEnded(long before) {
    List<KeyValue<String, String>> old = new ArrayList<>();
    try (KeyValueIterator<String, String> it = stores.ended()
        .range(StatsKeys.padded(0), StatsKeys.padded(before))) {
      it.forEachRemaining(old::add);
    }
    for (KeyValue<String, String> entry : old) {
      String callKey = entry.key.substring(entry.key.indexOf(StatsKeys.SEPARATOR) + 1);
      TrackedCall call = stores.calls().get(callKey);
      // Only the end this entry was made for: a call forgotten and seen again has its own entry.
      if (call != null && call.gone() && entry.key.startsWith(StatsKeys.padded(call.endedAt()) + StatsKeys.SEPARATOR)) {
        stores.calls().delete(callKey);
      }
      stores.ended().delete(entry.key);
    }
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
    if (!call.entered()) {
      return;
    }
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
