package io.switchboard.routing.stats;

import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code call.events}: when talk starts ({@code CallAnswered}) and when a call ends. Whether a call
 * was answered or abandoned is the engine's word, on {@code routing.decisions}; this side only
 * measures talk time (on the same clock as call-state's {@code talkMs}) and frees the agent.
 */
final class CallStats extends StatsProcessor<CallEvent> {

  private static final Logger log = LoggerFactory.getLogger(CallStats.class);
  private static final long EXPIRY_EVERY_MS = 60_000;

  private long lastExpiry = Long.MIN_VALUE / 2;

  CallStats(QueueStatsSettings settings) {
    super(settings, false);
  }

  @Override
  void apply(CallEvent event) {
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
    }
  }

  private void ended(String tenant, String callId, TrackedCall call, String outcome, long at) {
    ledger.stopWaiting(tenant, callId, call, at);
    if (call.connected()) {
      Calls.handled(ledger, tenant, callId, call, at);
    } else if (call.phase() == TrackedCall.Phase.CALLBACK) {
      ledger.forget(tenant, callId);
    } else {
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
