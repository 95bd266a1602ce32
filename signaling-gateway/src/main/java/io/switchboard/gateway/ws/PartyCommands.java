package io.switchboard.gateway.ws;

import io.switchboard.gateway.call.CallParties;
import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.logging.CallLog;
import io.switchboard.gateway.signaling.SignalKind;
import io.switchboard.gateway.signaling.SignalRequest;
import io.switchboard.gateway.signaling.Signals;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.gateway.web.RequestIds;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallbackRequested;
import io.switchboard.schemas.call.CallState;
import io.switchboard.schemas.call.CallStateMachine;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * What either party of a call may send over the WebSocket about that call, judged against call-state:
 * WebRTC signaling (both sides), and the customer's hang-up and callback request.
 */
final class PartyCommands {

  private static final Logger log = LoggerFactory.getLogger(PartyCommands.class);
  private static final int MAX_REASON = 256;
  private static final int MAX_NUMBER = 256;

  private final Frames frames;
  private final Signals signals;
  private final CallParties parties;
  private final EventFactory events;
  private final EventPublisher publisher;

  PartyCommands(Frames frames, Signals signals, CallParties parties, EventFactory events, EventPublisher publisher) {
    this.frames = frames;
    this.signals = signals;
    this.parties = parties;
    this.events = events;
    this.publisher = publisher;
  }

  /** {@code webrtc:offer}, {@code webrtc:answer}, {@code webrtc:ice_candidate}: relayed to the other party. */
  Mono<Void> signal(AgentSession session, Frames.ClientFrame frame, SignalKind kind) {
    return withCall(session, frame, callId -> {
      JsonNode index = frame.data().get("sdpMLineIndex");
      if (index != null && !index.isNull() && !index.isInt()) {
        throw ApiException.badRequest("sdpMLineIndex must be an integer");
      }
      SignalRequest request = new SignalRequest(frame.text("sdp"), frame.text("candidate"), frame.text("sdpMid"),
          index == null || index.isNull() ? null : index.intValue(), frame.text("eventId"));
      return signals.send(session.caller(), callId, kind, request).then();
    });
  }

  /** {@code call:end} from a customer: the outcome that fits the call's state, as the REST route records it. */
  Mono<Void> end(AgentSession session, Frames.ClientFrame frame) {
    return withCall(session, frame, callId -> ownCall(session, callId).flatMap(call -> {
      Optional<CallOutcome> outcome = CallParties.endOutcome(call.state());
      if (outcome.isEmpty()) {
        return Mono.error(ApiException.conflict("Call " + callId + " is already " + call.state()
            + "; no transition leaves it"));
      }
      String reason = cut(frame.text("reason"), MAX_REASON);
      return publisher.call(events.call(session.caller().tenant(), callId,
          new CallEnded(outcome.get(), reason, session.caller().subject())))
          .doOnSuccess(done -> {
            try (CallLog ignored = CallLog.of(callId, call.agentId())) {
              log.info("The customer ended call {} from {} as {}", callId, call.state(), outcome.get());
            }
          });
    }));
  }

  /** {@code call:callback} from a customer: only a waiting call may leave the line and keep its place. */
  Mono<Void> callback(AgentSession session, Frames.ClientFrame frame) {
    return withCall(session, frame, callId -> ownCall(session, callId).flatMap(call -> {
      if (call.state() != CallState.QUEUED) {
        return Mono.error(ApiException.conflict("Call " + callId + " is " + call.state()
            + "; call:callback needs a QUEUED call. " + allowed(call.state())));
      }
      String number = frame.text("number");
      if (number != null && (number.isBlank() || number.chars().anyMatch(Character::isWhitespace)
          || number.length() > MAX_NUMBER)) {
        return Mono.error(ApiException.badRequest("number must not be blank or contain spaces, at most "
            + MAX_NUMBER + " characters"));
      }
      return publisher.call(events.call(session.caller().tenant(), callId, new CallbackRequested(number)));
    }));
  }

  /** The transitions the state machine allows from {@code state}, for a refusal. */
  static String allowed(CallState state) {
    return state.isTerminal() ? "No transition leaves " + state
        : "From " + state + " a call may move to " + CallStateMachine.next(state).stream()
            .map(Enum::name).collect(Collectors.joining(", "));
  }

  private Mono<CallParties.PartyCall> ownCall(AgentSession session, String callId) {
    return parties.of(session.caller(), callId)
        .filter(call -> call.side() == CallParties.Side.CUSTOMER)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Call " + callId + " not found")));
  }

  /** A valid callId, then the command; every refusal or failure becomes {@code call:error} naming the call. */
  private Mono<Void> withCall(AgentSession session, Frames.ClientFrame frame, Function<String, Mono<Void>> command) {
    String callId = frame.text("callId");
    if (!RequestIds.isValidId(callId)) {
      session.send(frames.error(frame.type() + " needs a callId matching " + RequestIds.ID_PATTERN, null));
      return Mono.empty();
    }
    return Mono.defer(() -> command.apply(callId))
        .onErrorResume(error -> {
          String message = error instanceof ApiException ? error.getMessage()
              : "Could not " + frame.type() + " call " + callId + ": " + error.getMessage();
          if (!(error instanceof ApiException)) {
            try (CallLog ignored = CallLog.of(callId, session.agent().agentId())) {
              log.warn("{} of call {} failed: {}", frame.type(), callId, error.getMessage());
            }
          }
          session.send(frames.error(message, callId));
          return Mono.empty();
        });
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
