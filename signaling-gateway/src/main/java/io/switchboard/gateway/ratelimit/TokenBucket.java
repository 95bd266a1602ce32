package io.switchboard.gateway.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: it holds at most {@link Limit#capacity()} tokens, each request takes one, and it
 * refills continuously, the whole capacity over {@link Limit#window()}. Kept as the generic cell
 * rate algorithm's one number (when the bucket will be full again), in whole nanoseconds, so that
 * waits come out exact. Time comes from the caller (an injected clock): tests move it instead of sleeping.
 */
public final class TokenBucket {

  /** Nanoseconds to refill one token. */
  private final long perToken;
  /** How far ahead of now the full time may run: the burst beyond the first token. */
  private final long burst;
  /** When the bucket is full again, in nanoseconds of the clock. */
  private long fullAt;
  /** The latest time seen: a clock that steps back neither adds nor takes tokens. */
  private long latest;

  /** A full bucket at {@code now}. */
  public TokenBucket(Limit limit, Instant now) {
    this.perToken = Math.max(1, limit.window().toNanos() / limit.capacity());
    this.burst = perToken * (limit.capacity() - 1);
    this.latest = nanos(now);
    this.fullAt = latest;
  }

  /** Takes a token if there is one; otherwise says how long until there will be. */
  public synchronized Decision tryTake(Instant now) {
    long at = advance(now);
    long full = Math.max(fullAt, at);
    if (full - at > burst) {
      return Decision.refused(Duration.ofNanos(full - burst - at));
    }
    fullAt = full + perToken;
    return Decision.ALLOWED;
  }

  /** True when the bucket has refilled to its capacity: forgetting it changes nothing. */
  public synchronized boolean isFull(Instant now) {
    return fullAt <= advance(now);
  }

  private long advance(Instant now) {
    latest = Math.max(latest, nanos(now));
    return latest;
  }

  private static long nanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  /** What a request may do: go ahead, or wait {@code retryAfter}. */
  public record Decision(boolean allowed, Duration retryAfter) {

    static final Decision ALLOWED = new Decision(true, Duration.ZERO);

    static Decision refused(Duration retryAfter) {
      return new Decision(false, retryAfter);
    }

    /** Whole seconds to wait, rounded up and at least 1: the value of {@code Retry-After}. */
    public long retryAfterSeconds() {
      long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
      return Math.max(1, seconds);
    }
  }
}
