package io.switchboard.gateway.call;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.events.IncomingEventHandler;
import io.switchboard.gateway.logging.CallLog;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.QueueLimit;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingRejected;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Ends the WebRTC calls the routing engine refuses ({@code RoutingRejected}): their owner is the
 * gateway, as a SIP call's is the media bridge (docs/call-states.md). The outcome is FAILED, not
 * ABANDONED, because the caller did not give up: the queue could not take the call.
 *
 * <p>Every gateway instance reads every decision, so each of them publishes the same CallEnded
 * under an event id derived from the decision's; consumers keep one by event id.
 */
final class RejectedCalls implements IncomingEventHandler {

  private static final Logger log = LoggerFactory.getLogger(RejectedCalls.class);
  private static final int REMEMBERED_CALLS = 100_000;

  private final EventFactory events;
  private final EventPublisher publisher;
  private final CallStateClient callState;
  // Channels of the calls created since this instance started; only the consumer thread uses it.
  private final Map<String, CallChannel> channels = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CallChannel> eldest) {
      return size() > REMEMBERED_CALLS;
    }
  };

  RejectedCalls(EventFactory events, EventPublisher publisher, CallStateClient callState) {
    this.events = events;
    this.publisher = publisher;
    this.callState = callState;
  }

  @Override
  public void onCallEvent(CallEvent event) {
    if (event.getPayload() instanceof CallCreated) {
      channels.put(key(event.getTenantId(), event.getCallId()), ((CallCreated) event.getPayload()).getChannel());
    } else if (event.getPayload() instanceof CallEnded) {
      channels.remove(key(event.getTenantId(), event.getCallId()));
    }
  }

  @Override
  public void onRoutingDecision(RoutingDecision decision) {
    if (!(decision.getPayload() instanceof RoutingRejected)) {
      return;
    }
    String tenant = decision.getTenantId();
    String callId = decision.getCallId();
    QueueLimit limit = ((RoutingRejected) decision.getPayload()).getLimit();
    isWebRtc(tenant, callId)
        .filter(Boolean::booleanValue)
        .flatMap(ours -> publisher.call(ended(decision, limit)).thenReturn(ours))
        .subscribe(ours -> {
          try (CallLog ignored = CallLog.of(callId, null)) {
            log.info("Call {} ended as FAILED: queue {} rejected it ({})", callId, decision.getQueue(), limit);
          }
        }, error -> {
          try (CallLog ignored = CallLog.of(callId, null)) {
            log.warn("Could not end rejected call {}: {}", callId, error.getMessage());
          }
        });
  }

  /** Known from its CallCreated if this instance saw it, else asked of call-state; unknown is not ours. */
  private Mono<Boolean> isWebRtc(String tenant, String callId) {
    CallChannel channel = channels.get(key(tenant, callId));
    if (channel != null) {
      return Mono.just(channel == CallChannel.WEBRTC);
    }
    return callState.find(tenant, callId)
        .map(call -> CallChannel.WEBRTC.name().equals(call.channel()))
        .defaultIfEmpty(false);
  }

  CallEvent ended(RoutingDecision decision, QueueLimit limit) {
    return events.call(decision.getTenantId(), decision.getCallId(),
        new CallEnded(CallOutcome.FAILED, reason(limit), null), endedEventId(decision.getEventId()));
  }

  /** The same for every instance that handles the decision, so the duplicates can be dropped. */
  static UUID endedEventId(UUID decisionEventId) {
    return UUID.nameUUIDFromBytes(("rejected/" + decisionEventId).getBytes(StandardCharsets.UTF_8));
  }

  static String reason(QueueLimit limit) {
    switch (limit) {
      case CAPACITY:
        return "queue full";
      case MAX_WAIT:
        return "maximum wait reached";
      case NO_AGENT:
        return "no agent available";
      case UNKNOWN_QUEUE:
        return "unknown queue";
      default:
        return "rejected by the queue";
    }
  }

  private static String key(String tenant, String callId) {
    return tenant + "/" + callId;
  }
}
