package io.switchboard.media.sip;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A log line a peer can repeat at will (an INVITE refused, say), written at most once per interval
 * with the number left out since the last one; those left out go to DEBUG. Thread-safe.
 */
public final class ThrottledLog {

  private final Logger log;
  private final long everyNanos;
  private final AtomicLong last;
  private final AtomicLong skipped = new AtomicLong();

  public ThrottledLog(Logger log, java.time.Duration every) {
    this.log = log;
    this.everyNanos = every.toNanos();
    this.last = new AtomicLong(System.nanoTime() - everyNanos);
  }

  public void info(String format, Object... arguments) {
    if (take()) {
      log.info(format + suffix(), arguments);
    } else if (log.isDebugEnabled()) {
      log.debug(format, arguments);
    }
  }

  public void warn(String format, Object... arguments) {
    if (take()) {
      log.warn(format + suffix(), arguments);
    } else if (log.isDebugEnabled()) {
      log.debug(format, arguments);
    }
  }

  private boolean take() {
    long now = System.nanoTime();
    long previous = last.get();
    if (now - previous >= everyNanos && last.compareAndSet(previous, now)) {
      return true;
    }
    skipped.incrementAndGet();
    return false;
  }

  private String suffix() {
    long left = skipped.getAndSet(0);
    return left == 0 ? "" : " (and " + left + " more like it, at DEBUG)";
  }
}
