package io.switchboard.routing.queue;

import io.switchboard.routing.queue.RoutedCall.Phase;
import io.switchboard.schemas.avro.AssignmentRefusalReason;
import io.switchboard.schemas.avro.CallAssignmentRequested;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * {@code CallAssignmentRequested}: a supervisor's override. A call waiting in its queue is offered to
 * the named agent alone, bypassing the queue's strategy, its required skills (and their relaxation),
 * queue membership, a preferred-agent reservation and the reject delay. The agent must still be
 * signed in, available, out of wrap-up and below capacity: an override never exceeds capacity. From
 * then on it is an ordinary offer: the queue's reservation timeout, and a decline or a timeout puts
 * the call back at its place and counts as a missed offer. Anything else is refused with an
 * {@code AssignmentRefused} decision and changes nothing.
 *
 * <p>A blind transfer to an agent ({@link Transfers}) offers the call the same way, after the same checks.
 */
final class ForcedAssignment {

  /** Why an agent cannot be offered a call now. */
  record Refusal(AssignmentRefusalReason reason, String why) {}

  private final RoutingStores stores;
  private final Decisions decisions;
  private final Dispatcher dispatcher;

  ForcedAssignment(RoutingStores stores, Decisions decisions, Dispatcher dispatcher) {
    this.stores = stores;
    this.decisions = decisions;
    this.dispatcher = dispatcher;
  }

  void requested(String tenant, String callId, CallAssignmentRequested request) {
    String agentId = request.getAgentId();
    String by = request.getRequestedBy();
    try (MDC.MDCCloseable a = MDC.putCloseable("agentId", agentId)) {
      Optional<RoutedCall> known = stores.call(tenant, callId);
      if (known.isEmpty() || !known.get().is(Phase.WAITING)) {
        String state = known.map(call -> call.phase().name().toLowerCase(Locale.ROOT)).orElse("not known to routing");
        refuse(tenant, callId, known.map(RoutedCall::queue).orElse(null), agentId, "forced assignment",
            new Refusal(AssignmentRefusalReason.CALL_NOT_WAITING, "call " + callId + " is " + state
                + ", not waiting in a queue"));
        return;
      }
      RoutedCall call = known.get();
      Optional<Refusal> refusal = refusal(tenant, agentId);
      if (refusal.isPresent()) {
        refuse(tenant, callId, call.queue(), agentId, "forced assignment", refusal.get());
        return;
      }
      offer(tenant, call, agentId, "agent " + agentId + " was chosen by " + by
          + " (forced assignment: the strategy and skills of queue " + call.queue() + " bypassed)");
    }
  }

  /** Why {@code agentId} cannot be offered a call now: unknown, not available, in wrap-up or at capacity. */
  Optional<Refusal> refusal(String tenant, String agentId) {
    Optional<AgentState> found = stores.agent(tenant, agentId);
    if (found.isEmpty()) {
      return Optional.of(new Refusal(AssignmentRefusalReason.AGENT_UNKNOWN, "agent " + agentId + " is not signed in"));
    }
    AgentState agent = found.get();
    long now = dispatcher.now();
    if (!agent.available() || now < agent.wrapUpUntil()) {
      String status = agent.offline() ? "OFFLINE" : !agent.available() ? "not available (BREAK)"
          : "in wrap-up until " + Instant.ofEpochMilli(agent.wrapUpUntil());
      return Optional.of(new Refusal(AssignmentRefusalReason.AGENT_NOT_AVAILABLE, "agent " + agentId + " is " + status));
    }
    if (agent.load() >= agent.capacity()) {
      return Optional.of(new Refusal(AssignmentRefusalReason.AGENT_AT_CAPACITY, "agent " + agentId
          + " is at capacity: " + agent.calls().size() + " call(s) and " + agent.offers().size()
          + " offer(s) for a capacity of " + agent.capacity()));
    }
    return Optional.empty();
  }

  /** Offers the waiting call to the agent alone; the caller has found no {@link #refusal}. */
  void offer(String tenant, RoutedCall waiting, String agentId, String why) {
    AgentState agent = stores.agent(tenant, agentId).orElseThrow();
    dispatcher.offerTo(tenant, waiting, agent, why
        + (waiting.callback() ? ", a callback: the agent calls the customer back" : ""));
  }

  void refuse(String tenant, String callId, String queue, String agentId, String what, Refusal refusal) {
    decisions.assignmentRefused(tenant, callId, queue == null ? "" : queue, agentId, refusal.reason(),
        what + " to agent " + agentId + " refused: " + refusal.why() + "; nothing changed");
  }
}
