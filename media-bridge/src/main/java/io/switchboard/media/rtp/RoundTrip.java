package io.switchboard.media.rtp;

/**
 * The round trip between the relay and the phone on one leg, from RTCP (RFC 3550 §6.4.1): the relay
 * notes when it sent each SR out of the leg (by the SR's NTP middle bits); a report block from the
 * phone names that SR in LSR and how long it held it in DLSR, so the round trip is the time from
 * sending to the report's arrival, less DLSR. Only the last few SRs are remembered.
 */
final class RoundTrip {

  private static final int REMEMBERED = 8;

  private final long[] ntpMiddle = new long[REMEMBERED];
  private final long[] sentAtNanos = new long[REMEMBERED];
  private int next;
  private Double lastMs;

  /** An SR with these NTP middle bits left for the phone at {@code nanos}. */
  synchronized void srSent(long middle, long nanos) {
    ntpMiddle[next] = middle;
    sentAtNanos[next] = nanos;
    next = (next + 1) % REMEMBERED;
  }

  /**
   * A report block arrived at {@code nanos}: the round trip in ms if it names an SR sent here, else
   * null. A negative figure (the phone's DLSR larger than the time that passed) is taken as 0.
   */
  synchronized Double reported(long lastSr, long delaySinceLastSr, long nanos) {
    if (lastSr == 0) {
      return null;
    }
    for (int i = 0; i < REMEMBERED; i++) {
      if (ntpMiddle[i] == lastSr && sentAtNanos[i] != 0) {
        double elapsedMs = (nanos - sentAtNanos[i]) / 1e6;
        lastMs = Math.max(0, elapsedMs - delaySinceLastSr * 1000.0 / 65536);
        return lastMs;
      }
    }
    return null;
  }

  /** The latest round trip measured, null before the first. */
  synchronized Double lastMs() {
    return lastMs;
  }
}
