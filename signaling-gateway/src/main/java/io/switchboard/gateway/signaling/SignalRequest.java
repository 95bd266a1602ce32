package io.switchboard.gateway.signaling;

/**
 * What a party sends, over REST as the body or over the WebSocket as the frame's data. Offers and
 * answers carry {@code sdp}; candidates carry {@code candidate} (empty: end of candidates),
 * {@code sdpMid} and {@code sdpMLineIndex} as the browser's {@code RTCIceCandidate} has them.
 *
 * @param eventId the client's id of this message (a UUID), so that a retried send is delivered once;
 *     the gateway makes one when it is left out
 */
public record SignalRequest(String sdp, String candidate, String sdpMid, Integer sdpMLineIndex, String eventId) {}
