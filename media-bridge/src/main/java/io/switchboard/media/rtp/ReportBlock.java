package io.switchboard.media.rtp;

/**
 * One reception report of an RTCP SR or RR (RFC 3550 §6.4.1).
 *
 * @param reporterSsrc the SSRC of the packet's sender, who received the stream
 * @param sourceSsrc the SSRC of the stream reported on
 * @param fractionLost lost since the previous report, in 1/256 (0–255)
 * @param cumulativeLost packets lost since the start, a signed 24-bit figure
 * @param highestSequence the extended highest sequence number received
 * @param jitter the interarrival jitter, in timestamp units of the stream
 * @param lastSr the middle 32 bits of the NTP timestamp of the last SR received from the source; 0 if none
 * @param delaySinceLastSr the delay from receiving that SR to sending this report, in 1/65536 s
 */
record ReportBlock(long reporterSsrc, long sourceSsrc, int fractionLost, int cumulativeLost, long highestSequence,
    long jitter, long lastSr, long delaySinceLastSr) {

  double fractionLostPercent() {
    return fractionLost * 100.0 / 256;
  }

  /** The jitter in milliseconds, for a stream of {@code clockRate} timestamp units per second. */
  double jitterMs(int clockRate) {
    return jitter * 1000.0 / clockRate;
  }
}
