package io.switchboard.callstate.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The rate of a rebuild over a sliding window of samples, and the time left at that rate. A window
 * rather than the average since the start, so the estimate follows the rate as it is now (the first
 * seconds include start-up; a busy database slows it later).
 */
final class ReplayRate {

  private record Sample(Instant at, long records) {}

  private final Duration window;
  private final Deque<Sample> samples = new ArrayDeque<>();

  ReplayRate(Duration window) {
    this.window = window;
  }

  /** Adds a sample: {@code records} read so far, at {@code at}. */
  void sample(Instant at, long records) {
    samples.addLast(new Sample(at, records));
    while (samples.size() > 2 && samples.peekFirst().at().isBefore(at.minus(window))) {
      samples.removeFirst();
    }
  }

  /** Records per second over the window; 0 before two samples. */
  double perSecond() {
    if (samples.size() < 2) {
      return 0;
    }
    Sample first = samples.peekFirst();
    Sample last = samples.peekLast();
    long millis = Duration.between(first.at(), last.at()).toMillis();
    return millis <= 0 ? 0 : (last.records() - first.records()) * 1000.0 / millis;
  }

  /** The time to read {@code lag} more records at the current rate; null when it cannot be told. */
  Duration eta(long lag) {
    if (lag < 0) {
      return null;
    }
    if (lag == 0) {
      return Duration.ZERO;
    }
    double rate = perSecond();
    return rate <= 0 ? null : Duration.ofMillis((long) Math.ceil(lag * 1000.0 / rate));
  }
}
