package io.switchboard.media.rtp;

import java.nio.ByteBuffer;

/**
 * The fixed header of an RTP packet (RFC 3550 §5.1) and where its payload lies.
 *
 * @param headerLength bytes before the payload: 12, the CSRC list and the header extension
 * @param payloadLength bytes of payload, padding excluded
 */
record RtpHeader(boolean padding, boolean extension, int csrcCount, boolean marker, int payloadType,
    int sequence, long timestamp, long ssrc, int headerLength, int payloadLength) {

  static final int FIXED_LENGTH = 12;

  /** Parses the bytes from the buffer's position to its limit, which it leaves untouched. */
  static Parsed<RtpHeader> parse(ByteBuffer packet) {
    int start = packet.position();
    int length = packet.remaining();
    if (length < FIXED_LENGTH) {
      return Parsed.dropped(DropReason.TRUNCATED);
    }
    int first = packet.get(start) & 0xff;
    if (first >> 6 != 2) {
      return Parsed.dropped(DropReason.BAD_VERSION);
    }
    boolean padding = (first & 0x20) != 0;
    boolean extension = (first & 0x10) != 0;
    int csrcCount = first & 0x0f;
    int second = packet.get(start + 1) & 0xff;
    int headerLength = FIXED_LENGTH + 4 * csrcCount;
    if (extension) {
      if (length < headerLength + 4) {
        return Parsed.dropped(DropReason.TRUNCATED);
      }
      int words = packet.getShort(start + headerLength + 2) & 0xffff;
      headerLength += 4 + 4 * words;
      if (headerLength > length) {
        return Parsed.dropped(DropReason.BAD_LENGTH);
      }
    } else if (headerLength > length) {
      return Parsed.dropped(DropReason.TRUNCATED);
    }
    int padCount = 0;
    if (padding) {
      padCount = packet.get(start + length - 1) & 0xff;
      if (padCount == 0 || padCount > length - headerLength) {
        return Parsed.dropped(DropReason.BAD_PADDING);
      }
    }
    return Parsed.of(new RtpHeader(padding, extension, csrcCount, (second & 0x80) != 0, second & 0x7f,
        packet.getShort(start + 2) & 0xffff, packet.getInt(start + 4) & 0xffffffffL,
        packet.getInt(start + 8) & 0xffffffffL, headerLength, length - headerLength - padCount));
  }
}
