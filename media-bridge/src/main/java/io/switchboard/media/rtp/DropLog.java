package io.switchboard.media.rtp;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts dropped packets and logs them at a bounded rate: per reason, at most one line per
 * interval, which says how many of that reason went unlogged since the previous one. A flood of bad
 * packets costs a counter increment each, not a log line each.
 */
final class DropLog {

  private static final Logger log = LoggerFactory.getLogger(DropLog.class);

  private final RtpMetrics metrics;
  private final Clock clock;
  private final long intervalMillis;
  private final AtomicLongArray nextLogAt = new AtomicLongArray(DropReason.values().length);
  private final AtomicLongArray unlogged = new AtomicLongArray(DropReason.values().length);

  DropLog(RtpMetrics metrics, Clock clock, Duration interval) {
    this.metrics = metrics;
    this.clock = clock;
    this.intervalMillis = interval.toMillis();
  }

  /** Counts the drop; returns whether it was logged. */
  boolean dropped(DropReason reason, String callId, Side side, InetSocketAddress source) {
    metrics.dropped(reason);
    int index = reason.ordinal();
    long now = clock.millis();
    long due = nextLogAt.get(index);
    if (now < due || !nextLogAt.compareAndSet(index, due, now + intervalMillis)) {
      unlogged.incrementAndGet(index);
      return false;
    }
    long skipped = unlogged.getAndSet(index, 0);
    log.warn("Dropped a packet on call {} leg {} from {}: {} ({} more dropped for this reason since the last line)",
        callId, side, source, reason.tag(), skipped);
    return true;
  }
}
