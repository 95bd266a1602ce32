package io.switchboard.gateway.ws;

import io.switchboard.gateway.events.IncomingEventHandler;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallbackScheduled;
import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingQueued;
import java.time.Clock;
import java.util.Optional;

/**
 * The customer's side of its calls: where it waits ({@code call:queued}, again each time routing
 * places it anew, and when the queue's statistics move its estimated wait materially), that an agent
 * took it ({@code call:accepted}) and that it ended ({@code call:ended}), pushed to the customer's
 * sessions on this instance.
 */
final class CustomerNotifier implements IncomingEventHandler {

  private final SessionRegistry sessions;
  private final Frames frames;
  private final CustomerCalls calls;
  private final QueueStatsTable stats;
  private final Clock clock;
  private final WaitingCallers waiting = new WaitingCallers(CustomerCalls.REMEMBERED);

  /** Without statistics: every estimate is null. */
  CustomerNotifier(SessionRegistry sessions, Frames frames, CustomerCalls calls) {
    this(sessions, frames, calls, null, Clock.systemUTC());
  }

  /** {@code stats}: this instance's copy of queue.stats, which the estimates come from; null for none. */
  CustomerNotifier(SessionRegistry sessions, Frames frames, CustomerCalls calls, QueueStatsTable stats, Clock clock) {
    this.sessions = sessions;
    this.frames = frames;
    this.calls = calls;
    this.stats = stats;
    this.clock = clock;
    if (stats != null) {
      stats.listen(this::statsChanged);
    }
  }

  @Override
  public void onCallEvent(CallEvent event) {
    String tenant = event.getTenantId();
    if (event.getPayload() instanceof CallCreated created && created.getCustomerId() != null) {
      calls.created(tenant, event.getCallId(), created.getCustomerId());
    } else if (event.getPayload() instanceof CallQueued queued) {
      // In its queue; the place (and so an estimate) follows with routing's RoutingQueued.
      calls.customerOf(tenant, event.getCallId()).ifPresent(customer -> sessions.sendTo(
          SessionKey.customer(tenant, customer), queued(event.getCallId(), queued.getQueue(), null, null, false)));
    } else if (event.getPayload() instanceof CallEnded ended) {
      waiting.remove(tenant, event.getCallId());
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
      waits(key, decision, customer.get(), queued.getPosition(), false);
    } else if (payload instanceof CallbackScheduled scheduled) {
      waits(key, decision, customer.get(), scheduled.getPosition(), true);
    } else if (payload instanceof ReservationAccepted accepted) {
      waiting.remove(decision.getTenantId(), decision.getCallId());
      sessions.sendTo(key, frames.encode("call:accepted", Frames.data("callId", decision.getCallId(),
          "agentId", accepted.getAgentId())));
    }
  }

  private void waits(SessionKey key, RoutingDecision decision, String customer, int position, boolean callback) {
    Integer estimate = estimate(decision.getTenantId(), decision.getQueue(), position);
    waiting.put(new WaitingCallers.Waiting(decision.getTenantId(), decision.getCallId(), customer,
        decision.getQueue(), position, callback, estimate));
    sessions.sendTo(key, queued(decision.getCallId(), decision.getQueue(), position, estimate, callback));
  }

  /** A queue's new snapshot: its callers whose estimate moved materially are told again. */
  private void statsChanged(QueueStats snapshot) {
    for (WaitingCallers.Waiting call : waiting.inQueue(snapshot.getTenantId(), snapshot.getQueue())) {
      Integer next = estimate(call.tenantId(), call.queue(), call.position());
      if (WaitEstimator.material(call.estimate(), next)) {
        waiting.told(call, next);
        sessions.sendTo(SessionKey.customer(call.tenantId(), call.customer()),
            queued(call.callId(), call.queue(), call.position(), next, call.callback()));
      }
    }
  }

  private Integer estimate(String tenant, String queue, int position) {
    if (stats == null || queue == null) {
      return null;
    }
    return WaitEstimator.estimate(stats.find(tenant, queue).orElse(null),
        stats.handleTime(tenant, queue).orElse(null), position, clock.instant());
  }

  private String queued(String callId, String queue, Integer position, Integer estimatedWaitSeconds,
      boolean callback) {
    return frames.encode("call:queued", Frames.data("callId", callId, "queue", queue, "position", position,
        "estimatedWaitSeconds", estimatedWaitSeconds, "callback", callback));
  }
}
