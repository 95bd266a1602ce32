package io.switchboard.media.rtp;

import java.util.Locale;

/** Why a packet was not relayed; the tag of {@code switchboard.media.rtp.dropped}. */
enum DropReason {
  /** Shorter than a fixed header, or than the lengths its header gives. */
  TRUNCATED,
  /** Not RTP/RTCP version 2. */
  BAD_VERSION,
  /** A length field that does not fit the datagram (RTCP packet length, RTP header extension). */
  BAD_LENGTH,
  /** A padding count of zero or larger than what follows the header. */
  BAD_PADDING,
  /** An RTCP compound packet that does not start with SR or RR (RFC 3550 §6.1). */
  BAD_COMPOUND,
  /** From a source the leg does not accept (only with latching onto any source off). */
  UNEXPECTED_SOURCE,
  /** The other leg has no address to send to yet. */
  NO_DESTINATION,
  /** The socket's send buffer was full. */
  SEND_BUFFER_FULL,
  /** The send failed (network unreachable and the like). */
  SEND_FAILED;

  /** The metric tag: lower case with dashes. */
  String tag() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
