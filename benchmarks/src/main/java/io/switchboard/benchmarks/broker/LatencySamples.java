package io.switchboard.benchmarks.broker;

import java.util.Arrays;

/** Every latency of a phase in microseconds, kept whole (HdrHistogram is not on the compile path). */
final class LatencySamples {

  private long[] micros = new long[1 << 14];
  private int count;

  synchronized void add(long nanos) {
    if (count == micros.length) {
      micros = Arrays.copyOf(micros, count * 2);
    }
    micros[count++] = nanos / 1_000;
  }

  synchronized int count() {
    return count;
  }

  /** Percentiles (0–100) in milliseconds, nearest rank; NaN when there are no samples. */
  synchronized double[] percentilesMs(double... percentiles) {
    long[] sorted = Arrays.copyOf(micros, count);
    Arrays.sort(sorted);
    double[] result = new double[percentiles.length];
    for (int i = 0; i < percentiles.length; i++) {
      if (count == 0) {
        result[i] = Double.NaN;
        continue;
      }
      int rank = (int) Math.ceil(percentiles[i] / 100.0 * count);
      result[i] = sorted[Math.min(count - 1, Math.max(0, rank - 1))] / 1000.0;
    }
    return result;
  }
}
