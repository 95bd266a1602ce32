package io.switchboard.media.rtp;

/**
 * The sender information of an RTCP SR (RFC 3550 §6.4.1).
 *
 * @param ntpTimestamp the 64-bit NTP timestamp: seconds since 1900 in the high word, the fraction in the low
 */
record SenderInfo(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {

  /** The middle 32 bits of the NTP timestamp: what a receiver puts in LSR. */
  long ntpMiddle() {
    return (ntpTimestamp >>> 16) & 0xffffffffL;
  }
}
