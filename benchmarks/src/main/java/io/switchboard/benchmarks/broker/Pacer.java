package io.switchboard.benchmarks.broker;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends units of work for a phase: at a fixed rate on a schedule (open loop: a slow reply does not
 * slow the arrivals), or as fast as the phase's window of open units allows (closed loop).
 */
final class Pacer {

  /** Sends unit {@code seq} of {@code phase}: a call's arrival, or one baseline record. */
  interface Sender {
    void send(Phase phase, long seq);
  }

  private final Sender sender;

  Pacer(Sender sender) {
    this.sender = sender;
  }

  /**
   * {@code perSecond} units for {@code seconds}, each at its scheduled moment. Returns the largest
   * lateness of a send behind its schedule in ms: latencies are taken from the send, so a sender that
   * fell behind would hide waiting (coordinated omission); this shows whether it did.
   */
  double paced(Phase phase, int perSecond, int seconds) {
    long start = System.nanoTime();
    long total = (long) perSecond * seconds;
    long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long worstLateNanos = 0;
    for (long seq = 0; seq < total; seq++) {
      long due = start + seq * interval;
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(due - now);
      }
      worstLateNanos = Math.max(worstLateNanos, now - due);
      sender.send(phase, seq);
    }
    return worstLateNanos / 1e6;
  }

  /** As fast as the window allows: {@code rampSeconds} unmeasured, then {@code seconds} measured. */
  void flatOut(Phase phase, int rampSeconds, int seconds) throws InterruptedException {
    long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(rampSeconds);
    long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    phase.measureBetween(measureFrom, end);
    for (long seq = 0; ; seq++) {
      phase.awaitRoom();
      if (System.nanoTime() >= end) {
        phase.release();
        return;
      }
      sender.send(phase, seq);
    }
  }
}
