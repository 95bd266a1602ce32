package io.switchboard.routing.queue;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Matches waiting calls with free agents: the best waiting call (highest priority, then oldest) of
 * the queues that changed goes to the agent of its queue idle the longest, until no queue has both.
 */
final class Dispatcher {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** Longest idle first; agent id breaks ties so that the choice is deterministic. */
  private static final Comparator<AgentState> LONGEST_IDLE =
      Comparator.comparingLong(AgentState::idleSince).thenComparing(AgentState::agentId);

  /** Highest priority first, then the one that entered the queue first. */
  private static final Comparator<RoutedCall> BEST_CALL =
      Comparator.comparingInt(RoutedCall::priority).reversed()
          .thenComparingLong(RoutedCall::enqueuedAt)
          .thenComparing(RoutedCall::callId);

  private final RoutingStores stores;
  private final Decisions decisions;
  private final Duration reservationTimeout;
  private final LongSupplier wallClock;

  Dispatcher(RoutingStores stores, Decisions decisions, Duration reservationTimeout, LongSupplier wallClock) {
    this.stores = stores;
    this.decisions = decisions;
    this.reservationTimeout = reservationTimeout;
    this.wallClock = wallClock;
  }

  /** Offers waiting calls of {@code queues} while a free agent can take one. */
  void dispatch(String tenant, Set<String> queues) {
    while (true) {
      List<AgentState> agents = stores.agents(tenant);
      Optional<RoutedCall> best = queues.stream()
          .filter(queue -> agents.stream().anyMatch(agent -> agent.canTakeCallFrom(queue)))
          .map(queue -> headOf(tenant, queue))
          .flatMap(Optional::stream)
          .min(BEST_CALL);
      if (best.isEmpty()) {
        return;
      }
      RoutedCall call = best.get();
      offer(tenant, call, chooseAgent(agents, call));
    }
  }

  /** Takes an offered call back from its agent and puts it back at its original place. */
  RoutedCall returnToQueue(String tenant, RoutedCall offered) {
    stores.removeReservation(tenant, offered);
    stores.agent(tenant, offered.agentId())
        .ifPresent(agent -> stores.put(tenant, agent.releaseOffer(offered.callId())));
    RoutedCall waiting = offered.backToQueue();
    stores.put(tenant, waiting);
    stores.addWaiting(tenant, waiting);
    return waiting;
  }

  /** The queues an agent serves plus {@code queue}, the ones to dispatch after a change. */
  Set<String> queuesOf(String tenant, String agentId, String queue) {
    Set<String> queues = new LinkedHashSet<>();
    if (queue != null) {
      queues.add(queue);
    }
    stores.agent(tenant, agentId).ifPresent(agent -> queues.addAll(agent.queues()));
    return queues;
  }

  private Optional<RoutedCall> headOf(String tenant, String queue) {
    while (true) {
      Optional<KeyValue<String, String>> head = stores.head(tenant, queue);
      if (head.isEmpty()) {
        return Optional.empty();
      }
      String key = head.get().key;
      Optional<RoutedCall> call = stores.call(tenant, head.get().value)
          .filter(c -> c.is(RoutedCall.Phase.WAITING) && StoreKeys.waiting(tenant, c).equals(key));
      if (call.isPresent()) {
        return call;
      }
      // Every waiting entry should match a waiting call; drop a stale one rather than offer a ghost.
      log.warn("Dropping stale waiting entry for call {} of tenant {} in queue {}", head.get().value, tenant, queue);
      stores.removeWaitingEntry(key);
    }
  }

  /** The longest idle agent who can take the call, avoiding the agent who just refused it if possible. */
  private static AgentState chooseAgent(List<AgentState> agents, RoutedCall call) {
    List<AgentState> free = agents.stream().filter(agent -> agent.canTakeCallFrom(call.queue())).toList();
    return free.stream()
        .filter(agent -> !agent.agentId().equals(call.refusedBy()))
        .min(LONGEST_IDLE)
        .orElseGet(() -> free.stream().min(LONGEST_IDLE).orElseThrow());
  }

  private void offer(String tenant, RoutedCall call, AgentState agent) {
    long now = wallClock.getAsLong();
    RoutedCall offered = call.offered(agent.agentId(), UUID.randomUUID().toString(), now + reservationTimeout.toMillis());
    stores.removeWaiting(tenant, call);
    stores.put(tenant, offered);
    stores.put(tenant, agent.reserve(call.callId()));
    stores.addReservation(tenant, offered);
    try (MDC.MDCCloseable c = MDC.putCloseable("callId", call.callId());
        MDC.MDCCloseable a = MDC.putCloseable("agentId", agent.agentId())) {
      decisions.offered(tenant, offered, "agent " + agent.agentId() + " is the longest idle available agent of queue "
          + call.queue() + (call.refusedBy() != null && !call.refusedBy().equals(agent.agentId())
              ? " (not " + call.refusedBy() + ", who had the last offer)" : ""));
    }
  }
}
