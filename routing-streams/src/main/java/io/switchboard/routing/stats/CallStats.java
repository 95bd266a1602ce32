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

  CallStats(QueueStatsSettings settings) {
    super(settings, false);
  }

  @Override
  void apply(CallEvent event) {
    String tenant = event.getTenantId();
    String callId = event.getCallId();
    long at = event.getOccurredAt().toEpochMilli();
    TrackedCall call = ledger.call(tenant, callId);
    if (call == null) {
      return;
    }
    Object payload = event.getPayload();
    if (payload instanceof CallAnswered answered && call.talkStartedAt() < 0
        && (answered.getAgentId() == null || answered.getAgentId().equals(call.agentId()))) {
      ledger.put(tenant, callId, call.talking(at));
    } else if (payload instanceof CallEnded) {
      ended(tenant, callId, call, at);
    }
  }

  private void ended(String tenant, String callId, TrackedCall call, long at) {
    ledger.stopWaiting(tenant, callId, call, at);
    if (call.connected()) {
      Calls.handled(ledger, tenant, callId, call, at);
    } else if (call.agentId() != null) {
      // Ended while ringing (agentId is set only while an offer is open): the engine's answer (accepted, rescinded, abandoned) is still to come.
      ledger.put(tenant, callId, call.ended(at));
    } else {
      MDC.put("callId", callId);
      log.debug("Call ended while waiting in {}", call.queue());
      MDC.remove("callId");
      ledger.forget(tenant, callId);
    }
  }
}
