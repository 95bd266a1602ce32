package io.switchboard.routing.queue;

import io.switchboard.routing.queue.RoutedCall.Offer;
import io.switchboard.routing.queue.RoutedCall.Phase;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.MDC;

/**
 * What happens to open offers: answered (the others of a ring-all are rescinded), refused (declined
 * or expired, counting towards max-no-answer), or withdrawn (the agent left). A call goes back to
 * its place only when its last open offer is gone.
 */
final class Reservations {

  private final RoutingStores stores;
  private final Decisions decisions;
  private final Dispatcher dispatcher;

  Reservations(RoutingStores stores, Decisions decisions, Dispatcher dispatcher) {
    this.stores = stores;
    this.decisions = decisions;
    this.dispatcher = dispatcher;
  }

  /** The first to answer takes the call; every other agent ringing for it loses its offer. */
  void answered(String tenant, RoutedCall offered, Offer offer, long at) {
    stores.removeReservation(tenant, offered);
    stores.agent(tenant, offer.agentId()).ifPresent(agent -> stores.put(tenant, agent.accept(offered.callId())));
    RoutedCall connected = offered.connected(offer.agentId(), at);
    stores.put(tenant, connected);
    decisions.accepted(tenant, offered, offer, "agent " + offer.agentId() + " answered");
    Set<String> queues = new LinkedHashSet<>();
    for (Offer other : offered.offers()) {
      if (!other.agentId().equals(offer.agentId())) {
        stores.agent(tenant, other.agentId()).ifPresent(agent -> stores.put(tenant, agent.releaseOffer(offered.callId())));
        decisions.rescinded(tenant, offered, other, "agent " + offer.agentId() + " answered first (ring-all)");
        queues.addAll(dispatcher.queuesOf(tenant, other.agentId(), null));
      }
    }
    dispatcher.dispatch(tenant, queues);
  }

  /** Declined ({@code timedOut} false) or expired: counts as a missed offer of the agent. */
  void refused(String tenant, RoutedCall offered, Offer offer, boolean timedOut, String reason) {
    QueueRules rules = dispatcher.rulesOf(tenant, offered.queue());
    long now = dispatcher.now();
    RoutedCall rest = offered.withoutOffer(offer.agentId(), now);
    Optional<AgentState> agent = stores.agent(tenant, offer.agentId()).map(a -> a.missOffer(offered.callId()));
    agent.ifPresent(a -> stores.put(tenant, a));
    if (timedOut) {
      decisions.timedOut(tenant, offered, offer, reason);
    } else {
      decisions.rejected(tenant, offered, offer, reason);
    }
    settle(tenant, rest);
    agent.filter(a -> rules.maxNoAnswer() > 0 && a.missed() >= rules.maxNoAnswer())
        .ifPresent(a -> pause(tenant, rest, a, rules));
    dispatcher.dispatch(tenant, dispatcher.queuesOf(tenant, offer.agentId(), offered.queue()));
  }

  /** The agent can no longer answer (left, signed out, paused): its offer goes, without counting against it. */
  void withdrawn(String tenant, RoutedCall offered, Offer offer, String reason) {
    stores.agent(tenant, offer.agentId()).ifPresent(agent -> stores.put(tenant, agent.releaseOffer(offered.callId())));
    decisions.rejected(tenant, offered, offer, reason);
    settle(tenant, offered.withoutOffer(offer.agentId(), null));
  }

  /** Withdraws every open offer of an agent; returns the queues to dispatch. */
  Set<String> withdrawAll(String tenant, AgentState agent, String reason) {
    Set<String> queues = new LinkedHashSet<>();
    for (String callId : agent.offers()) {
      stores.call(tenant, callId)
          .filter(call -> call.is(Phase.OFFERED))
          .ifPresent(call -> call.offer(agent.agentId(), null).ifPresent(offer -> {
            try (MDC.MDCCloseable c = MDC.putCloseable("callId", callId)) {
              withdrawn(tenant, call, offer, reason);
              queues.add(call.queue());
            }
          }));
    }
    return queues;
  }

  /** A call with offers left keeps ringing; one with none goes back to its place. */
  private void settle(String tenant, RoutedCall call) {
    if (call.offers().isEmpty()) {
      dispatcher.returnToQueue(tenant, call);
    } else {
      stores.put(tenant, call);
    }
  }

  /** Max-no-answer: the agent goes to BREAK(no-answer) in the engine's view and loses its other offers. */
  private void pause(String tenant, RoutedCall call, AgentState agent, QueueRules rules) {
    stores.put(tenant, agent.pause());
    try (MDC.MDCCloseable a = MDC.putCloseable("agentId", agent.agentId())) {
      decisions.paused(tenant, call, agent.agentId(), "no-answer", "agent " + agent.agentId() + " missed "
          + agent.missed() + " offers in a row (max-no-answer " + rules.maxNoAnswer() + " of queue " + rules.queue()
          + "): BREAK (no-answer)");
    }
    withdrawAll(tenant, agent.pause(), "agent paused: no-answer");
  }
}
