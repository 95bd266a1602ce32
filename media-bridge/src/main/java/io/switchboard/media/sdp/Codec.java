package io.switchboard.media.sdp;

import java.util.Locale;

/**
 * A payload format of a media description: its payload type, encoding name, clock rate, channels
 * (1 unless given) and format parameters ({@code a=fmtp}, or null).
 */
public record Codec(int payloadType, String name, int clockRate, int channels, String parameters) {

  public static final String PCMU = "PCMU";
  public static final String PCMA = "PCMA";
  public static final String OPUS = "opus";
  public static final String TELEPHONE_EVENT = "telephone-event";

  public Codec {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type " + payloadType + " is not 0 to 127");
    }
  }

  /** The static audio payload types a description may use without {@code a=rtpmap} (RFC 3551 table 4), or null. */
  static Codec ofStaticType(int payloadType) {
    return switch (payloadType) {
      case 0 -> new Codec(0, PCMU, 8000, 1, null);
      case 3 -> new Codec(3, "GSM", 8000, 1, null);
      case 4 -> new Codec(4, "G723", 8000, 1, null);
      case 8 -> new Codec(8, PCMA, 8000, 1, null);
      case 9 -> new Codec(9, "G722", 8000, 1, null);
      case 18 -> new Codec(18, "G729", 8000, 1, null);
      default -> null;
    };
  }

  /** Whether this is the encoding {@code name} (case-insensitive, as RFC 4855 has it). */
  public boolean is(String encoding) {
    return name.toLowerCase(Locale.ROOT).equals(encoding.toLowerCase(Locale.ROOT));
  }

  /** The same format under another payload type (an answer keeps the offer's numbers). */
  Codec withPayloadType(int type) {
    return new Codec(type, name, clockRate, channels, parameters);
  }

  String rtpmap() {
    return payloadType + " " + name + "/" + clockRate + (channels > 1 ? "/" + channels : "");
  }
}
