package io.switchboard.media.rtp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Codec names and clock rates by RTP payload type: the static ones of RFC 3551, and the dynamic
 * ones a session's SDP maps (opus/48000, telephone-event/8000…). G.722's RTP clock is 8000 (RFC 3551 §4.5.2).
 */
final class PayloadTypes {

  record Format(String codec, int clockRate) {}

  private static final Map<Integer, Format> STATIC = Map.of(
      0, new Format("PCMU", 8000), 3, new Format("GSM", 8000), 4, new Format("G723", 8000),
      8, new Format("PCMA", 8000), 9, new Format("G722", 8000), 18, new Format("G729", 8000));

  private final Map<Integer, Format> dynamic = new ConcurrentHashMap<>();

  void map(int payloadType, String codec, int clockRate) {
    if (payloadType < 0 || payloadType > 127 || clockRate <= 0) {
      throw new IllegalArgumentException("payload type " + payloadType + " at " + clockRate + " Hz");
    }
    dynamic.put(payloadType, new Format(codec, clockRate));
  }

  /** The format of a payload type; null for an unknown dynamic one. */
  Format format(int payloadType) {
    Format mapped = dynamic.get(payloadType);
    return mapped != null ? mapped : STATIC.get(payloadType);
  }
}
