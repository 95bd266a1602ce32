package io.switchboard.gateway.signaling;

import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.avro.IceCandidate;
import io.switchboard.schemas.avro.SdpAnswer;
import io.switchboard.schemas.avro.SdpOffer;
import java.util.UUID;

/** Checks what a party sends and turns it into the payload of a {@code SignalingMessage}; 400 otherwise. */
public final class SignalPayloads {

  /** The longest SDP relayed, in characters: a browser's audio and video offer is a few KB. */
  public static final int MAX_SDP = 32 * 1024;
  /** The longest ICE candidate line relayed, in characters. */
  public static final int MAX_CANDIDATE = 1024;
  public static final int MAX_SDP_MID = 64;
  public static final int MAX_MLINE_INDEX = 1023;

  private SignalPayloads() {}

  public static Object payload(SignalKind kind, SignalRequest request) {
    if (request == null) {
      throw ApiException.badRequest(kind.frameType() + " needs a body");
    }
    return switch (kind) {
      case OFFER -> new SdpOffer(sdp(kind, request.sdp()));
      case ANSWER -> new SdpAnswer(sdp(kind, request.sdp()));
      case ICE_CANDIDATE -> candidate(request);
    };
  }

  /** The client's event id, or a new one. */
  public static UUID eventId(SignalRequest request) {
    if (request == null || request.eventId() == null) {
      return UUID.randomUUID();
    }
    try {
      UUID id = UUID.fromString(request.eventId());
      // UUID.fromString accepts short forms such as "1-2-3-4-5": only the canonical form is an id.
      if (id.toString().equalsIgnoreCase(request.eventId())) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw ApiException.badRequest("eventId must be a UUID, got '" + cut(request.eventId()) + "'");
  }

  private static String sdp(SignalKind kind, String sdp) {
    if (sdp == null || sdp.isBlank()) {
      throw ApiException.badRequest(kind.frameType() + " needs an sdp");
    }
    if (sdp.length() > MAX_SDP) {
      throw ApiException.badRequest("sdp is too large: at most " + MAX_SDP + " characters, got " + sdp.length());
    }
    if (!sdp.startsWith("v=0")) {
      throw ApiException.badRequest("sdp is not a session description: it must start with v=0");
    }
    return sdp;
  }

  private static IceCandidate candidate(SignalRequest request) {
    String candidate = request.candidate();
    if (candidate == null) {
      throw ApiException.badRequest("webrtc:ice_candidate needs a candidate (\"\" for the end of candidates)");
    }
    if (candidate.length() > MAX_CANDIDATE) {
      throw ApiException.badRequest("candidate is too large: at most " + MAX_CANDIDATE + " characters, got "
          + candidate.length());
    }
    if (!candidate.isEmpty() && !candidate.startsWith("candidate:")) {
      throw ApiException.badRequest("candidate must be an ICE candidate line starting with candidate:");
    }
    if (request.sdpMid() != null && request.sdpMid().length() > MAX_SDP_MID) {
      throw ApiException.badRequest("sdpMid is too long: at most " + MAX_SDP_MID + " characters");
    }
    Integer index = request.sdpMLineIndex();
    if (index != null && (index < 0 || index > MAX_MLINE_INDEX)) {
      throw ApiException.badRequest("sdpMLineIndex must be from 0 to " + MAX_MLINE_INDEX + ", got " + index);
    }
    return new IceCandidate(candidate, request.sdpMid(), index);
  }

  private static String cut(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "…";
  }
}
