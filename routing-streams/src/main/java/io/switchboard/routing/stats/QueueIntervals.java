package io.switchboard.routing.stats;

import java.time.Duration;

/** Reporting intervals: quarter hours aligned on the epoch, so on :00, :15, :30, :45 in every time zone in use. */
final class QueueIntervals {

  static final Duration LENGTH = Duration.ofMinutes(15);
  private static final long LENGTH_MS = LENGTH.toMillis();

  private QueueIntervals() {}

  /** Start of the interval holding {@code epochMillis}. */
  static long startOf(long epochMillis) {
    return epochMillis - Math.floorMod(epochMillis, LENGTH_MS);
  }
}
