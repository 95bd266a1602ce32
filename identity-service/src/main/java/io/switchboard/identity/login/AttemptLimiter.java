package io.switchboard.identity.login;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket per key (a client IP): each failure takes a token, tokens come back at a steady
 * rate, and an empty bucket refuses until its next token. Time comes from an injected clock.
 */
public final class AttemptLimiter {

  /** Buckets kept at most; the longest unused go first (a full bucket is the same as none). */
  static final int MAX_KEYS = 100_000;

  private final Clock clock;
  private final double capacity;
  private final double nanosPerToken;
  private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_KEYS;
    }
  };

  public AttemptLimiter(LoginLimitProperties properties, Clock clock) {
    this.clock = clock;
    this.capacity = properties.failures();
    this.nanosPerToken = (double) properties.per().toNanos() / properties.failures();
  }

  /** Empty when {@code key} may try now; otherwise how long until it may. */
  public synchronized Optional<Duration> retryAfter(String key) {
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      return Optional.empty();
    }
    double tokens = bucket.refill(now());
    if (tokens >= 1) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken)));
  }

  /** Takes a token for a failed attempt by {@code key}. */
  public synchronized void failed(String key) {
    long now = now();
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
    bucket.refill(now);
    bucket.tokens = Math.max(0, bucket.tokens - 1);
  }

  private long now() {
    Duration sinceEpoch = Duration.between(java.time.Instant.EPOCH, clock.instant());
    return sinceEpoch.toNanos();
  }

  private final class Bucket {
    private double tokens;
    private long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }

    double refill(long now) {
      if (now > updated) {
        tokens = Math.min(capacity, tokens + (now - updated) / nanosPerToken);
        updated = now;
      }
      return tokens;
    }
  }
}
