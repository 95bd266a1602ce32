package io.switchboard.media.rtp;

/**
 * Packets missing from a stream by its sequence numbers, as RFC 3550 Appendix A.1 counts them: the
 * extended highest sequence number (with wrap-arounds) less the first, plus one, is what was
 * expected; less what arrived is what was lost. A new SSRC (a new source after a transfer) starts
 * the count over; losses counted before stay in {@link #lostBefore}.
 */
final class SequenceTracker {

  private static final int MAX_DROPOUT = 3000;
  private static final int MAX_MISORDER = 100;

  private boolean started;
  private long ssrc;
  private int base;
  private int maxSeq;
  private long cycles;
  private long received;
  private long lostBefore;

  /** Counts one packet. */
  void received(long packetSsrc, int sequence) {
    if (!started || packetSsrc != ssrc) {
      lostBefore += lost();
      started = true;
      ssrc = packetSsrc;
      base = sequence;
      maxSeq = sequence;
      cycles = 0;
      received = 1;
      return;
    }
    int delta = (sequence - maxSeq) & 0xffff;
    if (delta != 0 && delta < MAX_DROPOUT) {
      if (sequence < maxSeq) {
        cycles += 1 << 16;
      }
      maxSeq = sequence;
    } else if (delta != 0 && delta <= 0x10000 - MAX_MISORDER) {
      // A very large jump: the source restarted its numbering. Count from here.
      lostBefore += lost();
      base = sequence;
      maxSeq = sequence;
      cycles = 0;
      received = 0;
    }
    received++;
  }

  /** Packets expected but not received, over every SSRC seen; never negative (duplicates count as nothing). */
  long lost() {
    return lostBefore + (started ? Math.max(0, expected() - received) : 0);
  }

  private long expected() {
    return cycles + maxSeq - base + 1;
  }
}
