package io.switchboard.routing.stats;

import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.avro.TransferTargetType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code call.events}: when talk starts ({@code CallAnswered}) and when a call ends. Whether a call
 * was answered or abandoned is the engine's word, on {@code routing.decisions}; this side only
 * measures talk time (on the same clock as call-state's {@code talkMs}), frees the agent, and says
 * which blind transfer the engine's {@code RoutingQueued} of a connected call was. Key presses
 * ({@code DtmfReceived}) are ignored.
 */
final class CallStats extends StatsProcessor<CallEvent> {

  private static final Logger log = LoggerFactory.getLogger(CallStats.class);
  private static final long EXPIRY_EVERY_MS = 60_000;

  private final long thresholdMs;
  private long lastExpiry = Long.MIN_VALUE / 2;

  CallStats(QueueStatsSettings settings) {
    super(settings, false);
    this.thresholdMs = settings.serviceLevelThreshold().toMillis();
  }

  @Override
  void apply(CallEvent event) {
    if (event.getPayload() instanceof DtmfReceived) {
      return; // a key press counts in no figure, and does not move the expiry of ended calls either
    }
    String tenant = event.getTenantId();
    String callId = event.getCallId();
    long at = event.getOccurredAt().toEpochMilli();
    expireEndedCalls(at);
    TrackedCall call = ledger.call(tenant, callId);
    Object payload = event.getPayload();
    if (call == null || call.gone()) {
      if (call == null && payload instanceof CallEnded end) {
        // Not seen entering a queue yet: its decisions may still come (the inputs are not ordered with each other).
        ledger.putEnded(tenant, callId, TrackedCall.endedEarly(String.valueOf(end.getOutcome()), at));
      }
      return;
    }
    if (payload instanceof CallAnswered answered && call.talkStartedAt() < 0
        && (answered.getAgentId() == null || answered.getAgentId().equals(call.agentId()))) {
      ledger.put(tenant, callId, call.talking(at));
    } else if (payload instanceof CallEnded end) {
      ended(tenant, callId, call, String.valueOf(end.getOutcome()), at);
    } else if (payload instanceof CallTransferred transfer) {
      if (transfer.getTargetType() == TransferTargetType.EXTERNAL) {
        if (call.connected()) {
          ended(tenant, callId, call, "TRANSFERRED", at); // routing ends it so too
        }
      } else {
        transferred(tenant, callId, call, transfer.getTargetType() == TransferTargetType.AGENT
            ? TrackedCall.Transfer.TO_AGENT : TrackedCall.Transfer.TO_QUEUE);
      }
    } else if (payload instanceof CallQueued
        && (call.connected() || call.transfer() == TrackedCall.Transfer.REQUEUED)) {
      // A connected call queued: the older way of transferring it to a queue.
      transferred(tenant, callId, call, TrackedCall.Transfer.TO_QUEUE);
    }
  }

  /** The call event of a blind transfer ({@code to} is TO_AGENT or TO_QUEUE): paired with the engine's answer. */
  private void transferred(String tenant, String callId, TrackedCall call, TrackedCall.Transfer to) {
    switch (call.transfer()) {
      case REFUSED -> ledger.put(tenant, callId, call.withTransfer(TrackedCall.Transfer.NONE));
      case REQUEUED -> {
        if (to == TrackedCall.Transfer.TO_QUEUE && call.answeredBefore()) {
          newContactAfterAll(tenant, callId, call);
        } else {
          ledger.put(tenant, callId, call.withTransfer(TrackedCall.Transfer.NONE));
        }
      }
      default -> {
        if (call.connected()) {
          ledger.put(tenant, callId, call.withTransfer(to)); // the engine's answer is still to come
        }
      }
    }
  }

  /**
   * The engine's RoutingQueued back into the call's own queue was a transfer to that queue, not to an
   * agent: counted now as a new contact of the queue, as if the transfer had been known then.
   */
  private void newContactAfterAll(String tenant, String callId, TrackedCall call) {
    long requeuedAt = call.enteredAt();
    long firstLegMs = Math.max(0, requeuedAt - call.talkStartedAt());
    ledger.count(tenant, call.queue(), requeuedAt, counts -> {
      counts.handled++;
      counts.talkMs += firstLegMs;
      counts.offered++;
    });
    TrackedCall fresh = call.asNewContact().withTransfer(TrackedCall.Transfer.NONE);
    if (fresh.connected()) {
      Calls.countAnswered(ledger, thresholdMs, tenant, fresh, fresh.acceptedAt());
    }
    ledger.put(tenant, callId, fresh);
  }

  private void ended(String tenant, String callId, TrackedCall call, String outcome, long at) {
    ledger.stopWaiting(tenant, callId, call, at);
    if (call.connected()) {
      Calls.handled(ledger, tenant, callId, call, at);
    } else if (call.phase() == TrackedCall.Phase.CALLBACK) {
      if (call.answeredBefore()) {
        Calls.countHandled(ledger, tenant, call, at);
      }
      ledger.forget(tenant, callId);
    } else {
      if (call.answeredBefore()) {
        Calls.countHandled(ledger, tenant, call, at); // answered here before a transfer: its talk ends now
      }
      // Ended while waiting or ringing: the engine's word (abandoned, offers rejected or accepted, even an
      // overflow it decided before it saw the end) may still come, and must not make the call wait again.
      MDC.put("callId", callId);
      log.debug("Call ended ({}) while waiting in {}", outcome, call.queue());
      MDC.remove("callId");
      ledger.putEnded(tenant, callId, call.ended(outcome, at));
    }
  }

  /** At most once a minute of event time: ends kept longer than the retention are forgotten. */
  private void expireEndedCalls(long at) {
    if (at - lastExpiry >= EXPIRY_EVERY_MS) {
      lastExpiry = at;
      ledger.expireEnded(at - settings.intervalRetention().toMillis());
    }
  }
}
