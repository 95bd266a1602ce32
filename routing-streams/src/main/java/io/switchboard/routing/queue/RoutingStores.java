package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.QueueConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed access to the routing stores of one stream task. A task owns whole tenants, so every lookup
 * is scoped by tenant and nothing here ever crosses from one tenant to another.
 */
final class RoutingStores {

  private static final Logger log = LoggerFactory.getLogger(RoutingStores.class);
  private static final StringSerializer KEYS = new StringSerializer();

  private final KeyValueStore<String, AgentState> agents;
  private final KeyValueStore<String, RoutedCall> calls;
  private final KeyValueStore<String, String> waiting;
  private final KeyValueStore<String, String> reservations;
  private final KeyValueStore<String, QueueConfig> queues;
  private final KeyValueStore<String, String> cursors;
  private final KeyValueStore<String, String> timers;

  private RoutingStores(ProcessorContext<?, ?> context) {
    agents = context.getStateStore(RoutingTopology.AGENTS_STORE);
    calls = context.getStateStore(RoutingTopology.CALLS_STORE);
    waiting = context.getStateStore(RoutingTopology.WAITING_STORE);
    reservations = context.getStateStore(RoutingTopology.RESERVATIONS_STORE);
    queues = context.getStateStore(RoutingTopology.QUEUES_STORE);
    cursors = context.getStateStore(RoutingTopology.CURSORS_STORE);
    timers = context.getStateStore(RoutingTopology.TIMERS_STORE);
  }

  static RoutingStores of(ProcessorContext<?, ?> context) {
    return new RoutingStores(context);
  }

  Optional<AgentState> agent(String tenant, String agentId) {
    return Optional.ofNullable(agents.get(StoreKeys.of(tenant, agentId)));
  }

  void put(String tenant, AgentState agent) {
    agents.put(StoreKeys.of(tenant, agent.agentId()), agent);
  }

  void deleteAgent(String tenant, String agentId) {
    agents.delete(StoreKeys.of(tenant, agentId));
  }

  /** Every agent of the tenant; a scan per decision is fine at this step, indexes come later. */
  List<AgentState> agents(String tenant) {
    List<AgentState> result = new ArrayList<>();
    try (KeyValueIterator<String, AgentState> it = agents.prefixScan(StoreKeys.tenantPrefix(tenant), KEYS)) {
      it.forEachRemaining(entry -> result.add(entry.value));
    }
    return result;
  }

  Optional<RoutedCall> call(String tenant, String callId) {
    return Optional.ofNullable(calls.get(StoreKeys.of(tenant, callId)));
  }

  void put(String tenant, RoutedCall call) {
    calls.put(StoreKeys.of(tenant, call.callId()), call);
  }

  void deleteCall(String tenant, String callId) {
    calls.delete(StoreKeys.of(tenant, callId));
  }

  Optional<QueueConfig> queueConfig(String tenant, String queue) {
    return Optional.ofNullable(queues.get(StoreKeys.of(tenant, queue)));
  }

  void putQueueConfig(String tenant, String queue, QueueConfig config) {
    queues.put(StoreKeys.of(tenant, queue), config);
  }

  void deleteQueueConfig(String tenant, String queue) {
    queues.delete(StoreKeys.of(tenant, queue));
  }

  String cursor(String tenant, String queue, String kind) {
    return cursors.get(StoreKeys.cursor(tenant, queue, kind));
  }

  void putCursor(String tenant, String queue, String kind, String value) {
    cursors.put(StoreKeys.cursor(tenant, queue, kind), value);
  }

  void addWaiting(String tenant, RoutedCall call) {
    waiting.put(StoreKeys.waiting(tenant, call), call.callId());
  }

  void removeWaiting(String tenant, RoutedCall call) {
    waiting.delete(StoreKeys.waiting(tenant, call));
  }

  /** Waiting calls of a queue in routing order, as they are now. */
  List<RoutedCall> waitingCalls(String tenant, String queue) {
    List<RoutedCall> result = new ArrayList<>();
    firstWaiting(tenant, queue, call -> {
      result.add(call);
      return Optional.empty();
    });
    return result;
  }

  /**
   * Walks a queue in routing order (highest sort key, then oldest) and returns the first answer of
   * {@code match}. An entry whose call is no longer waiting there is dropped; one whose call waits
   * under another key (e.g. written by an older release) is moved to the right key.
   */
  <T> Optional<T> firstWaiting(String tenant, String queue, Function<RoutedCall, Optional<T>> match) {
    List<KeyValue<String, RoutedCall>> misplaced = new ArrayList<>();
    Optional<T> found = Optional.empty();
    try (KeyValueIterator<String, String> it = waiting.prefixScan(StoreKeys.queuePrefix(tenant, queue), KEYS)) {
      while (found.isEmpty() && it.hasNext()) {
        KeyValue<String, String> entry = it.next();
        RoutedCall call = calls.get(StoreKeys.of(tenant, entry.value));
        if (call == null || !call.is(RoutedCall.Phase.WAITING) || !queue.equals(call.queue())
            || !StoreKeys.waiting(tenant, call).equals(entry.key)) {
          misplaced.add(KeyValue.pair(entry.key, call));
          continue;
        }
        found = match.apply(call);
      }
    }
    for (KeyValue<String, RoutedCall> entry : misplaced) {
      waiting.delete(entry.key);
      if (entry.value != null && entry.value.is(RoutedCall.Phase.WAITING) && queue.equals(entry.value.queue())) {
        waiting.put(StoreKeys.waiting(tenant, entry.value), entry.value.callId());
      } else {
        log.warn("Dropped a stale waiting entry of tenant {} in queue {}", tenant, queue);
      }
    }
    return found;
  }

  /**
   * Callers waiting on the line in a queue (callbacks left the line and do not count), counted up to
   * {@code limit} only: a capacity check reads at most as many entries as the capacity.
   */
  int countOnTheLine(String tenant, String queue, int limit) {
    int count = 0;
    try (KeyValueIterator<String, String> it = waiting.prefixScan(StoreKeys.queuePrefix(tenant, queue), KEYS)) {
      while (count < limit && it.hasNext()) {
        RoutedCall call = calls.get(StoreKeys.of(tenant, it.next().value));
        if (call != null && call.is(RoutedCall.Phase.WAITING) && queue.equals(call.queue()) && !call.callback()) {
          count++;
        }
      }
    }
    return count;
  }

  /** 1-based place of a waiting call in its queue. */
  int position(String tenant, RoutedCall call) {
    int position = 0;
    try (KeyValueIterator<String, String> it =
        waiting.range(StoreKeys.queuePrefix(tenant, call.queue()), StoreKeys.waiting(tenant, call))) {
      while (it.hasNext()) {
        it.next();
        position++;
      }
    }
    return position;
  }

  void addReservation(String tenant, RoutedCall offered) {
    reservations.put(StoreKeys.reservation(offered.expiresAt(), tenant, offered.callId()),
        offered.offers().get(0).reservationId());
  }

  void removeReservation(String tenant, RoutedCall offered) {
    reservations.delete(StoreKeys.reservation(offered.expiresAt(), tenant, offered.callId()));
  }

  void removeReservationEntry(String key) {
    reservations.delete(key);
  }

  /** Reservations that expired at or before {@code now}: key and reservation id, earliest first. */
  List<KeyValue<String, String>> expiredReservations(long now) {
    return due(reservations, now);
  }

  /** A moment to look at a call's queue (relaxation step, preferred-agent timeout) or an agent (wrap-up end). */
  void addTimer(long dueAt, String tenant, String kind, String id) {
    timers.put(StoreKeys.timer(dueAt, tenant, kind, id), "");
  }

  void removeTimerEntry(String key) {
    timers.delete(key);
  }

  List<KeyValue<String, String>> dueTimers(long now) {
    return due(timers, now);
  }

  private static List<KeyValue<String, String>> due(KeyValueStore<String, String> store, long now) {
    List<KeyValue<String, String>> due = new ArrayList<>();
    try (KeyValueIterator<String, String> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, String> entry = it.next();
        if (StoreKeys.reservationExpiry(entry.key) > now) {
          break;
        }
        due.add(entry);
      }
    }
    return due;
  }
}
