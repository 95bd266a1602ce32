package io.switchboard.routing.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Typed access to the four routing stores of one stream task. A task owns whole tenants, so every
 * lookup is scoped by tenant and nothing here ever crosses from one tenant to another.
 */
final class RoutingStores {

  private static final StringSerializer KEYS = new StringSerializer();

  private final KeyValueStore<String, AgentState> agents;
  private final KeyValueStore<String, RoutedCall> calls;
  private final KeyValueStore<String, String> waiting;
  private final KeyValueStore<String, String> reservations;

  private RoutingStores(KeyValueStore<String, AgentState> agents, KeyValueStore<String, RoutedCall> calls,
      KeyValueStore<String, String> waiting, KeyValueStore<String, String> reservations) {
    this.agents = agents;
    this.calls = calls;
    this.waiting = waiting;
    this.reservations = reservations;
  }

  static RoutingStores of(ProcessorContext<?, ?> context) {
    return new RoutingStores(
        context.getStateStore(RoutingTopology.AGENTS_STORE),
        context.getStateStore(RoutingTopology.CALLS_STORE),
        context.getStateStore(RoutingTopology.WAITING_STORE),
        context.getStateStore(RoutingTopology.RESERVATIONS_STORE));
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

  void addWaiting(String tenant, RoutedCall call) {
    waiting.put(StoreKeys.waiting(tenant, call), call.callId());
  }

  void removeWaiting(String tenant, RoutedCall call) {
    waiting.delete(StoreKeys.waiting(tenant, call));
  }

  void removeWaitingEntry(String key) {
    waiting.delete(key);
  }

  /** The entry (key, call id) at the head of a queue: highest priority, then waiting longest. */
  Optional<KeyValue<String, String>> head(String tenant, String queue) {
    try (KeyValueIterator<String, String> it = waiting.prefixScan(StoreKeys.queuePrefix(tenant, queue), KEYS)) {
      return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }
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
    reservations.put(StoreKeys.reservation(offered.expiresAt(), tenant, offered.callId()), offered.reservationId());
  }

  void removeReservation(String tenant, RoutedCall offered) {
    reservations.delete(StoreKeys.reservation(offered.expiresAt(), tenant, offered.callId()));
  }

  void removeReservationEntry(String key) {
    reservations.delete(key);
  }

  /** Reservations that expired at or before {@code now}: key and reservation id, earliest first. */
  List<KeyValue<String, String>> expiredReservations(long now) {
    List<KeyValue<String, String>> expired = new ArrayList<>();
    try (KeyValueIterator<String, String> it = reservations.all()) {
      while (it.hasNext()) {
        KeyValue<String, String> entry = it.next();
        if (StoreKeys.reservationExpiry(entry.key) > now) {
          break;
        }
        expired.add(entry);
      }
    }
    return expired;
  }
}
