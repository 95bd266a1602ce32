package io.switchboard.gateway.ws;

import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.EventPublisher;
import io.switchboard.gateway.logging.CallLog;
import io.switchboard.gateway.signaling.SignalKind;
import io.switchboard.gateway.web.RequestIds;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallDeclined;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallOutcome;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * What an agent's client may ask over the WebSocket. Every refused or failed request is answered
 * with {@code call:error} and the session stays open.
 */
final class ClientCommands {

  /** Client messages of DESIGN §6 that this version of the gateway does not handle yet. */
  static final Set<String> NOT_YET = Set.of("call:invite");

  private static final Logger log = LoggerFactory.getLogger(ClientCommands.class);
  private static final int MAX_REASON = 256;

  private final Frames frames;
  private final OfferBook offers;
  private final EventFactory events;
  private final EventPublisher publisher;
  private final SessionTokens tokens;
  private final Clock clock;
  private final PartyCommands party;
  private final CallCommands calls;
  private final QualityCommands quality;

  ClientCommands(Frames frames, OfferBook offers, EventFactory events, EventPublisher publisher,
      SessionTokens tokens, Clock clock, PartyCommands party, CallCommands calls, QualityCommands quality) {
    this.party = party;
    this.calls = calls;
    this.quality = quality;
    this.frames = frames;
    this.offers = offers;
    this.events = events;
    this.publisher = publisher;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** Handles one text frame; completes when the answer (if any) is queued. Never fails. */
  Mono<Void> handle(AgentSession session, String text) {
    Frames.ClientFrame frame;
    try {
      frame = frames.decode(text);
    } catch (Frames.BadFrameException e) {
      session.send(frames.error(e.getMessage(), null));
      return Mono.empty();
    }
    Optional<SignalKind> signal = SignalKind.ofFrameType(frame.type());
    if (signal.isPresent()) {
      return party.signal(session, frame, signal.get());
    }
    if (frame.type().equals(QualityCommands.TYPE)) {
      return quality.handle(session, frame);
    }
    if (!session.isAgent() && !frame.type().equals("auth:refresh")) {
      return customer(session, frame);
    }
    if (CallCommands.TYPES.contains(frame.type())) {
      return calls.handle(session, frame);
    }
    switch (frame.type()) {
      case "call:accept":
        return withOffer(session, frame, this::accept);
      case "call:decline":
        return withOffer(session, frame, this::decline);
      case "call:end":
        return withOffer(session, frame, this::end);
      case "auth:refresh":
        return refresh(session, frame);
      default:
        String message = NOT_YET.contains(frame.type())
            ? frame.type() + " is not supported yet"
            : "Unknown message type '" + frame.type() + "'";
        session.send(frames.error(message, frame.text("callId")));
        return Mono.empty();
    }
  }

  /**
   * A customer's session: its own calls' hang-up, callback and its own media (microphone, camera, screen);
   * the agents' commands are not for it.
   */
  private Mono<Void> customer(AgentSession session, Frames.ClientFrame frame) {
    switch (frame.type()) {
      case "call:end":
        return party.end(session, frame);
      case "call:callback":
        return party.callback(session, frame);
      case "call:toggle_audio", "call:toggle_video", "call:toggle_screen_share":
        return calls.handle(session, frame);
      default:
        String message = !isAgentType(frame.type()) ? "Unknown message type '" + frame.type() + "'"
            : frame.type() + " is an agent's message; a customer may send call:end, call:callback, "
                + "call:toggle_audio, call:toggle_video, call:toggle_screen_share, call:quality_update, webrtc:* "
                + "and auth:refresh";
        session.send(frames.error(message, frame.text("callId")));
        return Mono.empty();
    }
  }

  private static boolean isAgentType(String type) {
    return type.equals("call:accept") || type.equals("call:decline") || NOT_YET.contains(type)
        || CallCommands.TYPES.contains(type);
  }

  private interface OfferCommand {
    Mono<Void> run(AgentSession session, Frames.ClientFrame frame, OfferBook.Offer offer);
  }

  /** Every call command needs a valid callId of a call this agent was offered here. */
  private Mono<Void> withOffer(AgentSession session, Frames.ClientFrame frame, OfferCommand command) {
    String callId = frame.text("callId");
    if (!RequestIds.isValidId(callId)) {
      session.send(frames.error(frame.type() + " needs a callId matching " + RequestIds.ID_PATTERN, null));
      return Mono.empty();
    }
    AgentKey agent = session.agent();
    Optional<OfferBook.Offer> offer = offers.find(agent.tenantId(), callId, agent.agentId());
    if (offer.isEmpty()) {
      session.send(frames.error("Call " + callId + " was not offered to you", callId));
      return Mono.empty();
    }
    return command.run(session, frame, offer.get())
        .onErrorResume(error -> {
          try (CallLog ignored = CallLog.of(callId, agent.agentId())) {
            log.warn("{} of call {} failed: {}", frame.type(), callId, error.getMessage());
          }
          session.send(frames.error("Could not " + frame.type() + " call " + callId + ": " + error.getMessage(), callId));
          return Mono.empty();
        });
  }

  private Mono<Void> accept(AgentSession session, Frames.ClientFrame frame, OfferBook.Offer offer) {
    AgentKey agent = session.agent();
    if (!offer.answered() && offer.expiresAt() != null && offer.expiresAt().isBefore(clock.instant())) {
      session.send(frames.error("The offer of call " + offer.callId() + " expired", offer.callId()));
      return Mono.empty();
    }
    var answered = events.call(agent.tenantId(), offer.callId(),
        new CallAnswered(agent.agentId(), offer.reservationId()));
    return publisher.call(answered).doOnSuccess(done -> {
      // Only this agent's offer: on a ring-all queue the others learn from ReservationAccepted that they lost.
      offers.accepting(agent.tenantId(), offer.callId(), agent.agentId());
      try (CallLog ignored = CallLog.of(offer.callId(), agent.agentId())) {
        log.info("Agent {} answered call {} (reservation {})", agent.agentId(), offer.callId(), offer.reservationId());
      }
    });
  }

  private Mono<Void> decline(AgentSession session, Frames.ClientFrame frame, OfferBook.Offer offer) {
    AgentKey agent = session.agent();
    var declined = events.call(agent.tenantId(), offer.callId(),
        new CallDeclined(agent.agentId(), offer.reservationId(), reason(frame)));
    return publisher.call(declined).doOnSuccess(done -> {
      offers.withdraw(agent.tenantId(), offer.callId(), agent.agentId(), offer.reservationId());
      try (CallLog ignored = CallLog.of(offer.callId(), agent.agentId())) {
        log.info("Agent {} declined call {}", agent.agentId(), offer.callId());
      }
    });
  }

  private Mono<Void> end(AgentSession session, Frames.ClientFrame frame, OfferBook.Offer offer) {
    AgentKey agent = session.agent();
    if (!offer.answered()) {
      session.send(frames.error("Call " + offer.callId() + " is not connected to you; decline it instead",
          offer.callId()));
      return Mono.empty();
    }
    var ended = events.call(agent.tenantId(), offer.callId(),
        new CallEnded(CallOutcome.ENDED, reason(frame), agent.agentId()));
    return publisher.call(ended);
  }

  /** A new token for the same agent moves the session's deadline to its expiry. */
  private Mono<Void> refresh(AgentSession session, Frames.ClientFrame frame) {
    return tokens.refresh(session.caller(), frame.text("token"))
        .doOnNext(token -> {
          session.expireAt(token.expiresAt(), clock);
          session.send(frames.encode("auth:refreshed", Frames.data("expiresAt", token.expiresAt().toString())));
        })
        .onErrorResume(error -> {
          session.send(frames.error(error instanceof SessionTokens.RefusedTokenException ? error.getMessage()
              : "Could not check the new token: " + error.getMessage(), null));
          return Mono.empty();
        })
        .then();
  }

  private static String reason(Frames.ClientFrame frame) {
    String reason = frame.text("reason");
    return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
  }
}
