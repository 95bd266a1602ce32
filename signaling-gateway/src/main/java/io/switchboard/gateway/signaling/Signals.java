package io.switchboard.gateway.signaling;

import io.switchboard.gateway.call.CallParties;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.logging.CallLog;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.RequestIds;
import io.switchboard.schemas.avro.SignalingMessage;
import io.switchboard.schemas.call.CallState;
import io.switchboard.schemas.topics.Topics;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Relays a WebRTC offer, answer or ICE candidate from one party of a call to the other, over the
 * {@code signaling} topic, so that the two may be connected to different gateway instances. Only
 * the call's customer and the agent it was routed to may signal on it, and only once it is answered.
 * Failures are {@link ApiException}s: 400 for a bad message, 403 for a role that never signals,
 * 404 for a call the caller is no party to, 409 for a call not (or no longer) answered.
 */
public final class Signals {

  /** The states in which the two parties' media is being set up or flows. */
  static final Set<CallState> SIGNALING_STATES =
      EnumSet.of(CallState.CONNECTING, CallState.CONNECTED, CallState.ON_HOLD, CallState.RECONNECTING);

  private static final Logger log = LoggerFactory.getLogger(Signals.class);

  private final CallParties parties;
  private final EventPublisher publisher;
  private final Clock clock;
  private final String source;

  public Signals(CallParties parties, EventPublisher publisher, Clock clock, String source) {
    this.parties = parties;
    this.publisher = publisher;
    this.clock = clock;
    this.source = source;
  }

  /** Publishes the message from the caller to the other party; completes with it once Kafka took it. */
  public Mono<SignalingMessage> send(Caller caller, String callId, SignalKind kind, SignalRequest request) {
    return Mono.defer(() -> {
      if (!caller.isAny(Role.CUSTOMER, Role.AGENT)) {
        throw Caller.forbidden("signal on calls", Role.CUSTOMER, Role.AGENT);
      }
      RequestIds.id("callId", callId);
      Object payload = SignalPayloads.payload(kind, request);
      UUID eventId = SignalPayloads.eventId(request);
      return parties.of(caller, callId)
          .switchIfEmpty(Mono.error(() -> ApiException.notFound("Call " + callId + " not found")))
          .flatMap(call -> {
            if (!SIGNALING_STATES.contains(call.state())) {
              return Mono.error(ApiException.conflict("Call " + callId + " is " + call.state()
                  + "; WebRTC signaling needs an answered call (CONNECTING, CONNECTED, ON_HOLD or RECONNECTING)"));
            }
            boolean agentSide = call.side() == CallParties.Side.AGENT;
            String peer = agentSide ? call.customerId() : call.agentId();
            if (peer == null) {
              return Mono.error(new ApiException(HttpStatus.CONFLICT, "Call " + callId + " has no "
                  + (agentSide ? "customer" : "agent") + " to signal to"));
            }
            SignalingMessage message = SignalingMessage.newBuilder()
                .setEventId(eventId)
                .setTenantId(caller.tenant())
                .setOccurredAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .setSource(source)
                .setCallId(callId)
                .setFrom(agentSide ? Endpoints.agent(caller.agentId()) : Endpoints.customer(caller.subject()))
                .setTo(agentSide ? Endpoints.customer(peer) : Endpoints.agent(peer))
                .setPayload(payload)
                .build();
            return publisher.publish(Topics.SIGNALING, callId, message).thenReturn(message)
                .doOnSuccess(sent -> {
                  try (CallLog ignored = CallLog.of(callId, call.agentId())) {
                    log.debug("{} of call {} from {} to {}", kind.frameType(), callId, sent.getFrom(), sent.getTo());
                  }
                });
          });
    });
  }
}
