package io.switchboard.benchmarks.websocket;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Pushes at a fixed rate on a schedule (open loop: a slow server does not slow the pushes). The
 * push is stamped when it is sent, so a sender that fell behind its schedule would hide waiting
 * (coordinated omission): the largest lateness is returned with the count, to show whether it did.
 */
final class FixedRate {

  /** Sends push number {@code seq}. */
  interface Push {
    void send(long seq);
  }

  /** What a paced phase sent, and how far behind its schedule the sender fell at worst. */
  record Sent(long count, double worstLateMs) {}

  private FixedRate() {}

  /** When push {@code seq} is due, in nanoseconds after the start. */
  static long dueAfter(long seq, int perSecond) {
    return seq * TimeUnit.SECONDS.toNanos(1) / perSecond;
  }

  /** {@code perSecond} pushes for {@code seconds}, each at its scheduled moment. */
  static Sent run(int perSecond, int seconds, Push push) {
    long start = System.nanoTime();
    long total = (long) perSecond * seconds;
    long worstLate = 0;
    for (long seq = 0; seq < total; seq++) {
      long due = start + dueAfter(seq, perSecond);
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(due - now);
      }
      worstLate = Math.max(worstLate, now - due);
      push.send(seq);
    }
    return new Sent(total, worstLate / 1e6);
  }
}
