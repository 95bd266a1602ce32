package io.switchboard.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One {@link TokenBucket} per key (a client address, a principal), with bounded memory: a bucket
 * that has refilled is as good as no bucket, so such buckets are dropped every sweep interval, and
 * at most {@code maxKeys} are kept. A key that finds the table full even after a sweep is let
 * through rather than refused: many clients at once must not lock out one that is within its limit.
 */
public final class TokenBuckets<K> {

  private final Limit limit;
  private final Clock clock;
  private final int maxKeys;
  private final Duration sweepEvery;
  private final ConcurrentMap<K, TokenBucket> buckets = new ConcurrentHashMap<>();
  private volatile Instant nextSweep;

  public TokenBuckets(Limit limit, Clock clock, int maxKeys) {
    this.limit = limit;
    this.clock = clock;
    this.maxKeys = maxKeys;
    // A bucket idle for one window is full again; sweeping more often finds nothing more to drop.
    this.sweepEvery = limit.window();
    this.nextSweep = clock.instant().plus(sweepEvery);
  }

  /** Takes a token from {@code key}'s bucket. */
  public TokenBucket.Decision tryTake(K key) {
    Instant now = clock.instant();
    if (!now.isBefore(nextSweep)) {
      sweep(now);
    }
    TokenBucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= maxKeys) {
        sweep(now);
        if (buckets.size() >= maxKeys) {
          return TokenBucket.Decision.ALLOWED;
        }
      }
      bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(limit, now));
    }
    return bucket.tryTake(now);
  }

  /** Drops the buckets that have refilled. */
  void sweep(Instant now) {
    nextSweep = now.plus(sweepEvery);
    buckets.values().removeIf(bucket -> bucket.isFull(now));
  }

  /** Keys remembered now. */
  int size() {
    return buckets.size();
  }

  public Limit limit() {
    return limit;
  }
}
