package io.switchboard.gateway.signaling;

import io.switchboard.schemas.avro.IceCandidate;
import io.switchboard.schemas.avro.SdpAnswer;
import io.switchboard.schemas.avro.SdpOffer;
import java.util.Optional;

/** The three WebRTC messages a party sends through the gateway, by their WebSocket type and REST path. */
public enum SignalKind {
  OFFER("webrtc:offer", "offer"),
  ANSWER("webrtc:answer", "answer"),
  ICE_CANDIDATE("webrtc:ice_candidate", "ice-candidate");

  private final String frameType;
  private final String path;

  SignalKind(String frameType, String path) {
    this.frameType = frameType;
    this.path = path;
  }

  /** The WebSocket frame type, the same in both directions. */
  public String frameType() {
    return frameType;
  }

  /** The last segment of the REST route. */
  public String path() {
    return path;
  }

  public static Optional<SignalKind> ofFrameType(String type) {
    for (SignalKind kind : values()) {
      if (kind.frameType.equals(type)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** The kind of a signaling payload; empty for one the gateway does not relay (a bye). */
  public static Optional<SignalKind> of(Object payload) {
    if (payload instanceof SdpOffer) {
      return Optional.of(OFFER);
    }
    if (payload instanceof SdpAnswer) {
      return Optional.of(ANSWER);
    }
    if (payload instanceof IceCandidate) {
      return Optional.of(ICE_CANDIDATE);
    }
    return Optional.empty();
  }
}
