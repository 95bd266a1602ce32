package io.switchboard.gateway.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: it holds at most {@link Limit#capacity()} tokens, each request takes one, and it
 * refills continuously, the whole capacity over {@link Limit#window()}. Time comes from the caller
 * (an injected clock), so tests move it instead of sleeping.
 */
public final class TokenBucket {

  private final double capacity;
  private final double nanosPerToken;
  private double tokens;
  private long updatedNanos;

  /** A full bucket at {@code now}. */
  public TokenBucket(Limit limit, Instant now) {
    this.capacity = limit.capacity();
    this.nanosPerToken = (double) limit.window().toNanos() / limit.capacity();
    this.tokens = capacity;
    this.updatedNanos = nanos(now);
  }

  /** Takes a token if there is one; otherwise says how long until there will be. */
  public synchronized Decision tryTake(Instant now) {
    refill(now);
    if (tokens >= 1) {
      tokens -= 1;
      return Decision.ALLOWED;
    }
    return Decision.refused(Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken)));
  }

  /** True when the bucket has refilled to its capacity: forgetting it changes nothing. */
  public synchronized boolean isFull(Instant now) {
    refill(now);
    return tokens >= capacity;
  }

  private void refill(Instant now) {
    long at = nanos(now);
    long elapsed = at - updatedNanos;
    // A clock that steps back never takes tokens away.
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed / nanosPerToken);
      updatedNanos = at;
    }
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
