package io.switchboard.gateway.call;

import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.call.CallState;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The two parties of a call, for the packages that act on a call as one of them (WebRTC signaling,
 * the customer's WebSocket): the customer who owns it and the agent it was routed to. Read from
 * call-state with the caller's tenant, so another tenant's call is never found.
 */
public interface CallParties {

  /** Which side of the call a caller is. */
  enum Side { CUSTOMER, AGENT }

  /**
   * A call as one of its parties sees it.
   *
   * @param side the caller's side
   * @param agentId the agent the call was routed to, or null
   * @param customerId the customer who owns it, or null
   */
  record PartyCall(String callId, CallState state, Side side, String agentId, String customerId) {}

  /** The call if the caller is one of its parties; empty for an unknown call or one the caller is no party to. */
  Mono<PartyCall> of(Caller caller, String callId);

  /** The side of {@code caller} on a call of that agent and customer, if any. */
  static Optional<Side> side(Caller caller, String agentId, String customerId) {
    if (caller.agentId() != null && caller.isAgent(agentId)) {
      return Optional.of(Side.AGENT);
    }
    if (caller.is(Role.CUSTOMER) && caller.subject().equals(customerId)) {
      return Optional.of(Side.CUSTOMER);
    }
    return Optional.empty();
  }

  /** The outcome of ending a call in {@code state}, as the REST end route records it; empty once ended. */
  static Optional<CallOutcome> endOutcome(CallState state) {
    return EndOutcomes.forState(state);
  }
}
