package io.switchboard.routing.stats;

import io.switchboard.schemas.avro.AgentPaused;
import io.switchboard.schemas.avro.AgentStatus;
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
      // The engine's own wait: the call is usually forgotten already, on the CallEnded that caused this.
      long waited = abandoned.getWaitedMs();
      ledger.count(tenant, queue, at, counts -> {
        counts.abandoned++;
        if (waited > thresholdMs) {
          counts.abandonedAfterServiceLevel++;
        }
      });
      left(tenant, callId, call, at);
    } else if (payload instanceof RoutingOverflowed overflowed) {
      ledger.count(tenant, queue, at, counts -> counts.overflowed++);
      left(tenant, callId, call, at);
      // The call enters the overflow queue now, whether or not the engine also writes RoutingQueued there;
      // a call whose end was already seen carries it there.
      ledger.enter(tenant, callId, overflowed.getToQueue(), at, call);
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
      // A transfer back to a queue: the first leg's talk ends here.
      Calls.handled(ledger, tenant, callId, call, at);
    } else if (call != null) {
      ledger.stopWaiting(tenant, callId, call, at);
    }
    // A call whose end was seen first enters (offered) without waiting.
    ledger.enter(tenant, callId, queue, at, call != null && call.connected() ? null : call);
  }

  private void accepted(String tenant, String callId, TrackedCall call, String agentId, long at) {
    if (call == null || call.connected() || !call.entered()) {
      // Not seen entering (or already answered): close the offer, count nothing.
      ledger.agent(tenant, agentId, at, agent -> agent == null ? null : agent.offerClosed(callId));
      return;
    }
    ledger.stopWaiting(tenant, callId, call, at);
    long waited = Math.max(0, at - call.enteredAt());
    ledger.count(tenant, call.queue(), at, counts -> {
      counts.answered++;
      counts.answeredWaitMs += waited;
      if (waited <= thresholdMs) {
        counts.answeredWithinServiceLevel++;
      }
    });
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
    if (call.endedAt() >= 0 && call.entered()) {
      ledger.forget(tenant, callId); // the caller hung up while it rang: nothing more can come
    } else if (call.endedAt() >= 0) {
      ledger.put(tenant, callId, call.offeredTo(null)); // its RoutingQueued is still to come
    } else {
      ledger.put(tenant, callId, call.offeredTo(null));
    }
  }

  /** The call left the queue without being answered. */
  private void left(String tenant, String callId, TrackedCall call, long at) {
    if (call != null && !call.connected()) {
      ledger.stopWaiting(tenant, callId, call, at);
      ledger.forget(tenant, callId);
    }
  }
}
