package io.switchboard.benchmarks.broker;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one phase sent and saw. A unit of work (a call, or a baseline record) is sent, reached
 * (routing: its offer read; baseline: its output read; the latency is taken here) and completed
 * (routing: its {@code ReservationAccepted} read, after the accept and end were sent; baseline:
 * the same as reached). Completions inside the measured window give the throughput.
 */
final class Phase {

  final String name;
  final LatencySamples latency = new LatencySamples();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong reached = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong completedInWindow = new AtomicLong();
  private final Semaphore open;
  private volatile long measureFrom = Long.MIN_VALUE;
  private volatile long measureTo = Long.MAX_VALUE;

  /** {@code window}: units open at most (closed loop), or 0 for a paced phase. */
  Phase(String name, int window) {
    this.name = name;
    this.open = window > 0 ? new Semaphore(window) : null;
  }

  /** Blocks the sender of a closed-loop phase until fewer than the window are open. */
  void awaitRoom() throws InterruptedException {
    if (open != null) {
      open.acquire();
    }
  }

  void sent() {
    sent.incrementAndGet();
  }

  void reached(long latencyNanos) {
    reached.incrementAndGet();
    if (inWindow(System.nanoTime())) {
      latency.add(latencyNanos);
    }
  }

  void completed() {
    completed.incrementAndGet();
    if (inWindow(System.nanoTime())) {
      completedInWindow.incrementAndGet();
    }
    release();
  }

  /** Gives back room in the window without a unit completing (the sender's last, unused, permit). */
  void release() {
    if (open != null) {
      open.release();
    }
  }

  /**
   * Latencies and completions count only between these {@link System#nanoTime} moments (the
   * measured window after the ramp of a max phase); by default always.
   */
  void measureBetween(long fromNanos, long toNanos) {
    measureFrom = fromNanos;
    measureTo = toNanos;
  }

  private boolean inWindow(long now) {
    return now >= measureFrom && now < measureTo;
  }

  long sentCount() {
    return sent.get();
  }

  long reachedCount() {
    return reached.get();
  }

  long completedCount() {
    return completed.get();
  }

  long completedInWindow() {
    return completedInWindow.get();
  }
}
