package io.switchboard.benchmarks.callstate;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until a run has read {@code total} events, logging events/s every few seconds; the
 * figure is sampled by {@code consumed} (for the service: its {@code consumer_offsets} table).
 */
final class Progress {

  private static final Logger log = LoggerFactory.getLogger(Progress.class);

  private Progress() {}

  /** Returns the nanoTime at which {@code consumed} first reached {@code total}. */
  static long await(String run, long total, long startNanos, LongSupplier consumed, Runnable check,
      ProjectionOptions options) throws InterruptedException {
    long deadline = startNanos + TimeUnit.SECONDS.toNanos(options.timeoutSeconds());
    long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.progressSeconds());
    long lastCount = 0;
    long lastNanos = startNanos;
    while (true) {
      check.run();
      long count = consumed.getAsLong();
      long now = System.nanoTime();
      if (count >= total) {
        return now;
      }
      if (now > deadline) {
        throw new IllegalStateException(run + ": only " + count + " of " + total + " events read after "
            + options.timeoutSeconds() + " s");
      }
      if (now >= nextReport) {
        log.info(String.format(Locale.ROOT, "%s: %,d of %,d events (%.1f %%), %,.0f events/s in the last %.1f s, "
                + "%,.0f events/s overall", run, count, total, 100.0 * count / total,
            (count - lastCount) / seconds(now - lastNanos), seconds(now - lastNanos), count / seconds(now - startNanos)));
        lastCount = count;
        lastNanos = now;
        nextReport = now + TimeUnit.SECONDS.toNanos(options.progressSeconds());
      }
      Thread.sleep(100); // a benchmark's wait, not a test's: the sampling period bounds the error of the end time
    }
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
