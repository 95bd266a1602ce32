package io.switchboard.benchmarks.websocket;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The latencies of one phase's pushes, from their stamp to the client reading the frame, in
 * microseconds (HdrHistogram, 3 significant digits), with the pushes seen once, twice, or never.
 * Written by the client's event-loop threads.
 */
final class PushLatencies {

  /** Percentiles and counts, latencies in milliseconds. */
  record Summary(long received, long distinct, long negative, double p50, double p90, double p99, double p999,
      double max) {}

  private final char phase;
  private final Histogram micros = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
  private final BitSet seen = new BitSet();
  private long received;
  private long negative;

  PushLatencies(char phase) {
    this.phase = phase;
  }

  /** Records a frame of this phase read at {@code nowNanos}; frames of other phases are ignored. */
  synchronized boolean record(PushStamp stamp, long nowNanos) {
    if (stamp.phase() != phase) {
      return false;
    }
    received++;
    seen.set(Math.toIntExact(stamp.seq()));
    long elapsed = nowNanos - stamp.nanos();
    if (elapsed < 0) {
      // Only a clock that is not shared across the two JVMs does this; counted, never hidden.
      negative++;
      return true;
    }
    micros.recordValue(Math.min(elapsed / 1_000, micros.getHighestTrackableValue()));
    return true;
  }

  synchronized Summary summary() {
    return new Summary(received, seen.cardinality(), negative, ms(micros.getValueAtPercentile(50)),
        ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
        ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
  }

  synchronized long distinct() {
    return seen.cardinality();
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
