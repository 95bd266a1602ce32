package io.switchboard.gateway.ws;

import io.switchboard.gateway.signaling.Endpoints;
import io.switchboard.gateway.signaling.SignalKind;
import io.switchboard.gateway.events.IncomingEventHandler;
import io.switchboard.schemas.avro.IceCandidate;
import io.switchboard.schemas.avro.SdpAnswer;
import io.switchboard.schemas.avro.SdpOffer;
import io.switchboard.schemas.avro.SignalingMessage;
import java.util.Map;
import java.util.Optional;

/**
 * Hands each WebRTC message on the {@code signaling} topic to the sessions of its {@code to} on this
 * instance, as a frame of the type it was sent with. Every instance reads every message; only the
 * one holding the receiver's sessions delivers it. Event ids are deduplicated before this.
 */
final class SignalingNotifier implements IncomingEventHandler {

  private final SessionRegistry sessions;
  private final Frames frames;

  SignalingNotifier(SessionRegistry sessions, Frames frames) {
    this.sessions = sessions;
    this.frames = frames;
  }

  @Override
  public void onSignaling(SignalingMessage message) {
    Optional<SignalKind> kind = SignalKind.of(message.getPayload());
    Optional<Endpoints.Endpoint> to = Endpoints.parse(message.getTo());
    if (kind.isEmpty() || to.isEmpty()) {
      return; // a bye, or a message for an endpoint that is no WebSocket (the media bridge's)
    }
    SessionKey key = new SessionKey(message.getTenantId(), to.get().agent(), to.get().id());
    sessions.sendTo(key, frames.encode(kind.get().frameType(), data(message)));
  }

  static Map<String, Object> data(SignalingMessage message) {
    Map<String, Object> data = Frames.data("callId", message.getCallId(), "from", message.getFrom(),
        "eventId", message.getEventId().toString());
    Object payload = message.getPayload();
    if (payload instanceof SdpOffer offer) {
      data.put("sdp", offer.getSdp());
    } else if (payload instanceof SdpAnswer answer) {
      data.put("sdp", answer.getSdp());
    } else if (payload instanceof IceCandidate candidate) {
      data.put("candidate", candidate.getCandidate());
      data.put("sdpMid", candidate.getSdpMid());
      data.put("sdpMLineIndex", candidate.getSdpMLineIndex());
    }
    return data;
  }
}
