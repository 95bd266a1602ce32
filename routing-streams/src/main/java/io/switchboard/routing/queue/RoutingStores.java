package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.QueueConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed access to the routing stores of one stream task, and the in-memory {@link RoutingIndex} kept
 * in step with them: every write goes through here. Waiting lines and open reservations live in the
 * index only: the calls store holds what they are made of. A task owns whole tenants, so every lookup is
 * scoped by tenant and nothing here ever crosses from one tenant to another.
 */
final class RoutingStores {

  private static final Logger log = LoggerFactory.getLogger(RoutingStores.class);

  private final KeyValueStore<String, AgentState> agents;
  private final KeyValueStore<String, RoutedCall> calls;
  private final KeyValueStore<String, QueueConfig> queues;
  private final KeyValueStore<String, String> cursors;
  private final KeyValueStore<String, String> timers;
  private final RoutingIndex index;
  private final LongSupplier clock;

  private RoutingStores(ProcessorContext<?, ?> context) {
    agents = context.getStateStore(RoutingTopology.AGENTS_STORE);
    calls = context.getStateStore(RoutingTopology.CALLS_STORE);
    queues = context.getStateStore(RoutingTopology.QUEUES_STORE);
    cursors = context.getStateStore(RoutingTopology.CURSORS_STORE);
    timers = context.getStateStore(RoutingTopology.TIMERS_STORE);
    index = context.getStateStore(RoutingIndex.NAME);
    clock = context::currentSystemTimeMs;
  }

  static RoutingStores of(ProcessorContext<?, ?> context) {
    return new RoutingStores(context);
  }

  /** The agent as the stores hold it (read from the index, which mirrors the agents store). */
  Optional<AgentState> agent(String tenant, String agentId) {
    return Optional.ofNullable(index(tenant).agent(agentId));
  }

  void put(String tenant, AgentState agent) {
    agents.put(StoreKeys.of(tenant, agent.agentId()), agent);
    index(tenant).putAgent(agent, clock.getAsLong());
  }

  void deleteAgent(String tenant, String agentId) {
    agents.delete(StoreKeys.of(tenant, agentId));
    index(tenant).removeAgent(agentId);
  }

  /** The agents of {@code queue} that may be offered a call now, in the strategies' orders. */
  QueueAgents agentsOf(String tenant, String queue) {
    TenantIndex tenantIndex = index(tenant);
    tenantIndex.advance(clock.getAsLong());
    return tenantIndex.agentsOf(queue);
  }

  /** The call as the stores hold it (read from the index, which mirrors the calls store). */
  Optional<RoutedCall> call(String tenant, String callId) {
    return Optional.ofNullable(index(tenant).call(callId));
  }

  void put(String tenant, RoutedCall call) {
    calls.put(StoreKeys.of(tenant, call.callId()), call);
    index(tenant).putCall(call);
    if (call.is(RoutedCall.Phase.WAITING)) {
      // Refreshes what the line knows of it (e.g. it became a callback at its place).
      WaitingLine line = index(tenant).line(call.queue());
      if (line.contains(WaitingLine.Key.of(call))) {
        line.put(WaitingLine.Entry.of(call));
      }
    }
  }

  void deleteCall(String tenant, String callId) {
    calls.delete(StoreKeys.of(tenant, callId));
    index(tenant).removeCall(callId);
  }

  Optional<QueueConfig> queueConfig(String tenant, String queue) {
    return index(tenant).config(queue, () -> Optional.ofNullable(queues.get(StoreKeys.of(tenant, queue))));
  }

  /** The queue's rules, made by {@code make} once per configuration (the task's settings never change). */
  QueueRules rules(String tenant, String queue, Supplier<QueueRules> make) {
    return index(tenant).rules(queue, make);
  }

  void putQueueConfig(String tenant, String queue, QueueConfig config) {
    queues.put(StoreKeys.of(tenant, queue), config);
    index(tenant).configured(queue, QueueAgents.strategyOrder(config.getStrategy(), config.getRequiredSkills()));
  }

  void deleteQueueConfig(String tenant, String queue) {
    queues.delete(StoreKeys.of(tenant, queue));
    index(tenant).configured(queue, null);
  }

  String cursor(String tenant, String queue, String kind) {
    return cursors.get(StoreKeys.cursor(tenant, queue, kind));
  }

  void putCursor(String tenant, String queue, String kind, String value) {
    cursors.put(StoreKeys.cursor(tenant, queue, kind), value);
  }

  /** The call (stored WAITING with its sort key) takes its place in its queue's line. */
  void addWaiting(String tenant, RoutedCall call) {
    index(tenant).line(call.queue()).put(WaitingLine.Entry.of(call));
  }

  void removeWaiting(String tenant, RoutedCall call) {
    index(tenant).line(call.queue()).remove(WaitingLine.Key.of(call));
  }

  /** Waiting calls of a queue in routing order, as they are now. */
  List<RoutedCall> waitingCalls(String tenant, String queue) {
    List<RoutedCall> result = new ArrayList<>();
    firstWaiting(tenant, queue, entry -> true, call -> {
      result.add(call);
      return Optional.empty();
    });
    return result;
  }

  /**
   * Walks a queue in routing order (highest sort key, then oldest) and returns the first answer of
   * {@code match}; calls whose entry {@code worthReading} turns down are passed over without reading
   * them. An entry whose call is no longer waiting there (which the writes keep from happening) is
   * dropped, with a warning.
   */
  <T> Optional<T> firstWaiting(String tenant, String queue, Predicate<WaitingLine.Entry> worthReading,
      Function<RoutedCall, Optional<T>> match) {
    List<WaitingLine.Key> stale = new ArrayList<>();
    Optional<T> found = Optional.empty();
    WaitingLine line = index(tenant).line(queue);
    Iterator<WaitingLine.Entry> it = line.inOrder();
    while (found.isEmpty() && it.hasNext()) {
      WaitingLine.Entry entry = it.next();
      if (!worthReading.test(entry)) {
        continue;
      }
      RoutedCall call = index(tenant).call(entry.callId());
      if (call == null || !call.is(RoutedCall.Phase.WAITING) || !queue.equals(call.queue())
          || !WaitingLine.Key.of(call).equals(entry.key())) {
        stale.add(entry.key());
        continue;
      }
      found = match.apply(call);
    }
    for (WaitingLine.Key key : stale) {
      line.remove(key);
      log.warn("Dropped a stale waiting entry of tenant {} in queue {}", tenant, queue);
    }
    return found;
  }

  /** Callers waiting on the line in a queue (callbacks left the line and do not count). */
  int onTheLine(String tenant, String queue) {
    return index(tenant).line(queue).onTheLine();
  }

  /** 1-based place of a waiting call in its queue. */
  int position(String tenant, RoutedCall call) {
    return index(tenant).line(call.queue()).position(WaitingLine.Key.of(call));
  }

  /** Signed in: registered and not OFFLINE (on a break or in wrap-up still counts, they come back). */
  boolean anyAgentSignedIn(String tenant, String queue) {
    return index(tenant).agentsOf(queue).anySignedIn();
  }

  void addReservation(String tenant, RoutedCall offered) {
    ensureBuilt();
    index.reservations().put(StoreKeys.reservation(offered.expiresAt(), tenant, offered.callId()),
        offered.offers().get(0).reservationId());
  }

  void removeReservation(String tenant, RoutedCall offered) {
    ensureBuilt();
    index.reservations().remove(StoreKeys.reservation(offered.expiresAt(), tenant, offered.callId()));
  }

  void removeReservationEntry(String key) {
    ensureBuilt();
    index.reservations().remove(key);
  }

  /** Reservations that expired at or before {@code now}: key and reservation id, earliest first. */
  List<KeyValue<String, String>> expiredReservations(long now) {
    ensureBuilt();
    List<KeyValue<String, String>> due = new ArrayList<>();
    for (Map.Entry<String, String> entry : index.reservations().entrySet()) {
      if (StoreKeys.reservationExpiry(entry.getKey()) > now) {
        break;
      }
      due.add(KeyValue.pair(entry.getKey(), entry.getValue()));
    }
    return due;
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

  private TenantIndex index(String tenant) {
    ensureBuilt();
    return index.tenant(tenant);
  }

  private void ensureBuilt() {
    if (!index.built()) {
      build();
    }
  }

  /**
   * The index of the task's tenants from the stores, once per task start (after their restore):
   * agents from the agents store; waiting lines and open reservations from the calls store (a
   * WAITING call has its queue and sort key, an OFFERED one its expiry and reservation).
   */
  private void build() {
    long started = System.nanoTime();
    long now = clock.getAsLong();
    try (KeyValueIterator<String, QueueConfig> it = queues.all()) {
      it.forEachRemaining(entry -> {
        String tenant = tenantOf(entry.key);
        index.tenant(tenant).configured(entry.key.substring(tenant.length() + 1),
            QueueAgents.strategyOrder(entry.value.getStrategy(), entry.value.getRequiredSkills()));
      });
    }
    int agentCount = 0;
    try (KeyValueIterator<String, AgentState> it = agents.all()) {
      while (it.hasNext()) {
        KeyValue<String, AgentState> entry = it.next();
        index.tenant(tenantOf(entry.key)).putAgent(entry.value, now);
        agentCount++;
      }
    }
    int waitingCount = 0;
    int offeredCount = 0;
    try (KeyValueIterator<String, RoutedCall> it = calls.all()) {
      while (it.hasNext()) {
        KeyValue<String, RoutedCall> entry = it.next();
        String tenant = tenantOf(entry.key);
        RoutedCall call = entry.value;
        index.tenant(tenant).putCall(call);
        if (call.is(RoutedCall.Phase.WAITING)) {
          index.tenant(tenant).line(call.queue()).put(WaitingLine.Entry.of(call));
          waitingCount++;
        } else if (call.is(RoutedCall.Phase.OFFERED) && !call.offers().isEmpty()) {
          index.reservations().put(StoreKeys.reservation(call.expiresAt(), tenant, call.callId()),
              call.offers().get(0).reservationId());
          offeredCount++;
        }
      }
    }
    index.markBuilt();
    log.info("Routing index built from the stores: {} agents, {} waiting calls, {} offered in {} ms", agentCount,
        waitingCount, offeredCount, (System.nanoTime() - started) / 1_000_000);
  }

  private static String tenantOf(String key) {
    return key.substring(0, key.indexOf(StoreKeys.SEPARATOR));
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
