package io.switchboard.testsupport;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition by polling until a deadline, never by a fixed sleep. */
public final class Poll {

  private Poll() {}

  /**
   * Returns the first non-null value of {@code probe}; exceptions from the probe count as not yet.
   *
   * @throws AssertionError at the deadline, with the last failure
   */
  public static <T> T until(Duration timeout, String what, Supplier<T> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Throwable last = null;
    while (true) {
      try {
        T value = probe.get();
        if (value != null) {
          return value;
        }
      } catch (RuntimeException | AssertionError e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        AssertionError error = new AssertionError("Timed out after " + timeout + " waiting for " + what);
        if (last != null) {
          error.initCause(last);
        }
        throw error;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for " + what, e);
      }
    }
  }
}
