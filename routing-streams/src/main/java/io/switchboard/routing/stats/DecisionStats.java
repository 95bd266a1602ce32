package io.switchboard.routing.stats;

import io.switchboard.schemas.avro.AgentPaused;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AssignmentRefused;
import io.switchboard.schemas.avro.CallbackScheduled;
import io.switchboard.schemas.avro.OfferRescinded;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.ReservationRejected;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingAbandoned;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingOverflowed;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.avro.RoutingRejected;

/**
 * {@code routing.decisions}: the engine's word on every queue outcome. Each decision is written
 * once (exactly-once), so counting them needs no deduplication; the tracked call only supplies
 * the time the call entered the queue, from which waits are measured.
 */
final class DecisionStats extends StatsProcessor<RoutingDecision> {

  private final long thresholdMs;

  DecisionStats(QueueStatsSettings settings) {
    super(settings, true);
    this.thresholdMs = settings.serviceLevelThreshold().toMillis();
  }

  @Override
  void apply(RoutingDecision decision) {
    String tenant = decision.getTenantId();
    String callId = decision.getCallId();
    String queue = decision.getQueue();
    long at = decision.getOccurredAt().toEpochMilli();
    TrackedCall call = ledger.call(tenant, callId);
    Object payload = decision.getPayload();
    if (payload instanceof RoutingQueued) {
      queued(tenant, callId, queue, call, at);
    } else if (payload instanceof RoutingOffered offered) {
      String agentId = offered.getAgentId();
      ledger.agent(tenant, agentId, at, agent -> agent == null ? null : agent.offered(callId));
      if (call != null) {
        ledger.put(tenant, callId, call.offeredTo(agentId));
      }
    } else if (payload instanceof ReservationAccepted accepted) {
      accepted(tenant, callId, call, accepted.getAgentId(), at);
    } else if (payload instanceof ReservationRejected rejected) {
      offerClosed(tenant, callId, call, rejected.getAgentId(), at);
    } else if (payload instanceof ReservationTimedOut timedOut) {
      offerClosed(tenant, callId, call, timedOut.getAgentId(), at);
    } else if (payload instanceof OfferRescinded rescinded) {
      offerClosed(tenant, callId, call, rescinded.getAgentId(), at);
    } else if (payload instanceof RoutingAbandoned abandoned) {
      // A caller who hangs up after being answered here (waiting for the agent named in a transfer) has
      // not abandoned the queue: left() counts that contact handled.
      if (call == null || !call.answeredBefore()) {
        // The engine's own wait: the call is usually forgotten already, on the CallEnded that caused this.
        long waited = abandoned.getWaitedMs();
        ledger.count(tenant, queue, at, counts -> {
          counts.abandoned++;
          if (waited > thresholdMs) {
            counts.abandonedAfterServiceLevel++;
          }
        });
      }
      left(tenant, callId, call, at);
    } else if (payload instanceof RoutingOverflowed overflowed) {
      if (call == null || !call.answeredBefore()) {
        ledger.count(tenant, queue, at, counts -> counts.overflowed++);
      }
      left(tenant, callId, call, at);
      // The call enters the overflow queue now, whether or not the engine also writes RoutingQueued there;
      // a call whose end was already seen carries it there.
      ledger.enter(tenant, callId, overflowed.getToQueue(), at, call);
    } else if (payload instanceof RoutingRejected && call != null && call.connected()) {
      transferRefused(tenant, callId, call); // a transfer to a full or unknown queue: the call stays with its agent
    } else if (payload instanceof AssignmentRefused && call != null && call.connected()) {
      transferRefused(tenant, callId, call); // a transfer to an agent who cannot take it: likewise
    } else if (payload instanceof RoutingRejected) {
      left(tenant, callId, call, at);
    } else if (payload instanceof CallbackScheduled && call != null && call.entered()) {
      ledger.stopWaiting(tenant, callId, call, at);
      // The engine ignores a callback caller's ABANDONED: so do the statistics, even when seen before.
      TrackedCall callback = call.inPhase(TrackedCall.Phase.CALLBACK);
      ledger.put(tenant, callId, "ABANDONED".equals(call.endOutcome()) ? callback.ended(null, -1) : callback);
    } else if (payload instanceof AgentPaused paused) {
      ledger.agent(tenant, paused.getAgentId(), at,
          agent -> agent == null ? null : agent.withReported(AgentStatus.BREAK));
    }
  }

  private void queued(String tenant, String callId, String queue, TrackedCall call, long at) {
    if (call != null && !call.connected() && queue.equals(call.queue())) {
      return; // already in this queue, e.g. entered on overflow before the engine's RoutingQueued
    }
    if (call != null && call.connected()) {
      transferred(tenant, callId, queue, call, at);
      return;
    }
    if (call != null) {
      ledger.stopWaiting(tenant, callId, call, at);
    }
    // A call whose end was seen first enters (offered) without waiting.
    ledger.enter(tenant, callId, queue, at, call);
  }

  /**
   * A connected call queued again: a blind transfer; its agent is free either way. Back in its own
   * queue for a transfer to an agent, it is the same contact going on; a transfer to a queue (its own
   * included) makes a new contact of that queue, and the first leg's talk ends here. Until the call
   * event says which transfer it was, a call back in its own queue goes on as the same contact.
   */
  private void transferred(String tenant, String callId, String queue, TrackedCall call, long at) {
    TrackedCall.Transfer seen = call.transfer();
    boolean halfSeen = seen == TrackedCall.Transfer.TO_AGENT || seen == TrackedCall.Transfer.TO_QUEUE;
    TrackedCall.Transfer next = halfSeen ? TrackedCall.Transfer.NONE : TrackedCall.Transfer.REQUEUED;
    if (queue.equals(call.queue()) && seen != TrackedCall.Transfer.TO_QUEUE) {
      if (call.agentId() != null) {
        ledger.agent(tenant, call.agentId(), at, agent -> agent == null ? null : agent.released(callId));
      }
      TrackedCall continued = call.continuedAt(at).withTransfer(next);
      ledger.put(tenant, callId, continued);
      ledger.startWaiting(tenant, callId, continued, at);
    } else {
      Calls.handled(ledger, tenant, callId, call, at);
      TrackedCall entered = ledger.enter(tenant, callId, queue, at, null);
      if (next != TrackedCall.Transfer.NONE) {
        ledger.put(tenant, callId, entered.withTransfer(next));
      }
    }
  }

  /** The engine refused a transfer of a connected call: nothing changes but the pairing with its call event. */
  private void transferRefused(String tenant, String callId, TrackedCall call) {
    TrackedCall.Transfer seen = call.transfer();
    boolean halfSeen = seen == TrackedCall.Transfer.TO_AGENT || seen == TrackedCall.Transfer.TO_QUEUE;
    ledger.put(tenant, callId, call.withTransfer(halfSeen ? TrackedCall.Transfer.NONE : TrackedCall.Transfer.REFUSED));
  }

  private void accepted(String tenant, String callId, TrackedCall call, String agentId, long at) {
    if (call == null || call.connected() || !call.entered()) {
      // Not seen entering (or already answered): close the offer, count nothing.
      ledger.agent(tenant, agentId, at, agent -> agent == null ? null : agent.offerClosed(callId));
      return;
    }
    ledger.stopWaiting(tenant, callId, call, at);
    if (call.answeredBefore() && call.endedAt() >= 0) {
      // Ended while waiting for its next agent: counted handled at its end already.
      ledger.agent(tenant, agentId, at, agent -> agent == null ? null : agent.offerClosed(callId));
      ledger.forget(tenant, callId);
      return;
    }
    if (!call.answeredBefore()) {
      Calls.countAnswered(ledger, thresholdMs, tenant, call, at);
    }
    TrackedCall connected = call.accepted(agentId, at);
    ledger.agent(tenant, agentId, at, agent -> agent == null ? null : agent.took(callId));
    if (call.endedAt() >= 0) {
      Calls.handled(ledger, tenant, callId, connected, call.endedAt());
    } else {
      ledger.put(tenant, callId, connected);
    }
  }

  private void offerClosed(String tenant, String callId, TrackedCall call, String agentId, long at) {
    ledger.agent(tenant, agentId, at, agent -> agent == null ? null : agent.offerClosed(callId));
    if (call == null || call.connected() || !agentId.equals(call.agentId())) {
      return;
    }
    if (call.endedAt() >= 0 && call.entered() && call.answeredBefore() && "ABANDONED".equals(call.endOutcome())) {
      ledger.put(tenant, callId, call.offeredTo(null)); // its RoutingAbandoned follows: not an abandon of the queue
    } else if (call.endedAt() >= 0 && call.entered()) {
      ledger.forget(tenant, callId); // the caller hung up while it rang: nothing more can come
    } else if (call.endedAt() >= 0) {
      ledger.put(tenant, callId, call.offeredTo(null)); // its RoutingQueued is still to come
    } else {
      ledger.put(tenant, callId, call.offeredTo(null));
    }
  }

  /** The call left the queue without being answered (again: a continued contact is handled here, unless at its end). */
  private void left(String tenant, String callId, TrackedCall call, long at) {
    if (call != null && !call.connected()) {
      ledger.stopWaiting(tenant, callId, call, at);
      if (call.answeredBefore() && !call.gone()) {
        Calls.countHandled(ledger, tenant, call, at);
      }
      ledger.forget(tenant, callId);
    }
  }
}
