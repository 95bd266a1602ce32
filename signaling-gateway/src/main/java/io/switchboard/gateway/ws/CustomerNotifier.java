package io.switchboard.gateway.ws;

import io.switchboard.gateway.events.IncomingEventHandler;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallbackScheduled;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingQueued;
import java.util.Optional;

/**
 * The customer's side of its calls: where it waits ({@code call:queued}, again each time routing
 * places it anew), that an agent took it ({@code call:accepted}) and that it ended
 * ({@code call:ended}), pushed to the customer's sessions on this instance.
 */
final class CustomerNotifier implements IncomingEventHandler {

  private final SessionRegistry sessions;
  private final Frames frames;
  private final CustomerCalls calls;

  CustomerNotifier(SessionRegistry sessions, Frames frames, CustomerCalls calls) {
    this.sessions = sessions;
    this.frames = frames;
    this.calls = calls;
  }

  @Override
  public void onCallEvent(CallEvent event) {
    String tenant = event.getTenantId();
    if (event.getPayload() instanceof CallCreated created && created.getCustomerId() != null) {
      calls.created(tenant, event.getCallId(), created.getCustomerId());
    } else if (event.getPayload() instanceof CallQueued queued) {
      // In its queue; the place follows with routing's RoutingQueued.
      calls.customerOf(tenant, event.getCallId()).ifPresent(customer -> sessions.sendTo(
          SessionKey.customer(tenant, customer), queued(event.getCallId(), queued.getQueue(), null, false)));
    } else if (event.getPayload() instanceof CallEnded ended) {
      calls.ended(tenant, event.getCallId()).ifPresent(customer -> sessions.sendTo(
          SessionKey.customer(tenant, customer), frames.encode("call:ended", Frames.data("callId", event.getCallId(),
              "outcome", ended.getOutcome().name(), "reason", ended.getReason()))));
    }
  }

  @Override
  public void onRoutingDecision(RoutingDecision decision) {
    Optional<String> customer = calls.customerOf(decision.getTenantId(), decision.getCallId());
    if (customer.isEmpty()) {
      return;
    }
    SessionKey key = SessionKey.customer(decision.getTenantId(), customer.get());
    Object payload = decision.getPayload();
    if (payload instanceof RoutingQueued queued) {
      // Routing writes RoutingQueued when the call enters a queue and whenever it re-ranks it.
      sessions.sendTo(key, queued(decision.getCallId(), decision.getQueue(), queued.getPosition(), false));
    } else if (payload instanceof CallbackScheduled scheduled) {
      sessions.sendTo(key, queued(decision.getCallId(), decision.getQueue(), scheduled.getPosition(), true));
    } else if (payload instanceof ReservationAccepted accepted) {
      sessions.sendTo(key, frames.encode("call:accepted", Frames.data("callId", decision.getCallId(),
          "agentId", accepted.getAgentId())));
    }
  }

  /** No estimate of the wait yet: the gateway does not read queue.stats (docs/gateway.md). */
  private String queued(String callId, String queue, Integer position, boolean callback) {
    return frames.encode("call:queued", Frames.data("callId", callId, "queue", queue, "position", position,
        "estimatedWaitSeconds", null, "callback", callback));
  }
}
