package io.switchboard.routing.queue;

import io.switchboard.routing.queue.RoutedCall.Phase;
import io.switchboard.schemas.avro.CallTransferred;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code CallTransferred} of a connected call (a blind transfer), under the same call id. To a queue: the
 * call enters that queue as a call queued now would (the queue's limits, priority rules and wait), and
 * its agent is released as at the end of a call (wrap-up of the call's queue). To an agent: the agent
 * is checked as a forced assignment checks it; when it can take the call, the call re-enters its own
 * queue, its agent is released, and it is offered to the named agent alone ({@link ForcedAssignment});
 * a decline or a timeout leaves it waiting in that queue at its place. When the agent cannot take it,
 * {@code AssignmentRefused} says why and the call stays connected to the agent who had it.
 */
final class Transfers {

  private static final Logger log = LoggerFactory.getLogger(Transfers.class);

  /** Enters a queue, releasing a connected call's agent: the queues to dispatch, or empty when refused. */
  @FunctionalInterface
  interface Entry {
    Optional<Set<String>> enter(String tenant, RoutedCall call, String queue, long at, String why);
  }

  private final RoutingStores stores;
  private final Dispatcher dispatcher;
  private final ForcedAssignment forced;
  private final Entry entry;

  Transfers(RoutingStores stores, Dispatcher dispatcher, ForcedAssignment forced, Entry entry) {
    this.stores = stores;
    this.dispatcher = dispatcher;
    this.forced = forced;
    this.entry = entry;
  }

  void transferred(String tenant, String callId, CallTransferred transfer, long at) {
    Optional<RoutedCall> known = stores.call(tenant, callId).filter(call -> call.is(Phase.CONNECTED));
    if (known.isEmpty()) {
      // The gateway transfers connected calls only; a repeated or late transfer changes nothing.
      log.debug("Ignoring a transfer of call {} of tenant {}: not connected", callId, tenant);
      return;
    }
    RoutedCall call = known.get();
    String by = transfer.getBy() == null ? "agent " + call.agentId() : transfer.getBy();
    switch (transfer.getTargetType()) {
      case QUEUE -> entry.enter(tenant, call, transfer.getTarget(), at, "transferred by " + by + ": ")
          .ifPresent(queues -> dispatcher.dispatch(tenant, queues));
      case AGENT -> toAgent(tenant, call, transfer.getTarget(), by, at);
      default -> log.debug("Call {} of tenant {}: transfer type {} is not routed", callId, tenant,
          transfer.getTargetType());
    }
  }

  private void toAgent(String tenant, RoutedCall call, String agentId, String by, long at) {
    try (MDC.MDCCloseable a = MDC.putCloseable("agentId", agentId)) {
      Optional<ForcedAssignment.Refusal> refusal = forced.refusal(tenant, agentId);
      if (refusal.isPresent()) {
        forced.refuse(tenant, call.callId(), call.queue(), agentId, "transfer by " + by, refusal.get());
        return;
      }
      String queue = call.queue();
      entry.enter(tenant, call, queue, at, "transferred by " + by + " to agent " + agentId + ": ")
          .ifPresent(queues -> {
            // Offered before the queues are dispatched: no other agent can take it first.
            forced.offer(tenant, stores.call(tenant, call.callId()).orElseThrow(), agentId,
                "agent " + agentId + " was named by " + by + " (blind transfer: the strategy and skills of queue "
                    + queue + " bypassed)");
            dispatcher.dispatch(tenant, queues);
          });
    }
  }
}
