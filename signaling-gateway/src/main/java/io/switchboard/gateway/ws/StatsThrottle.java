package io.switchboard.gateway.ws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * At most one push per key (a tenant's queue) per interval, and the last change never lost: a key
 * that changes again within the interval is held, and is due once the interval since its last push
 * has passed. Timed by an injected clock; the caller runs {@link #due()} when {@link #offer} says.
 * Thread-safe.
 */
final class StatsThrottle<K> {

  private final Clock clock;
  private final Duration interval;
  private final Map<K, Instant> lastSent = new HashMap<>();
  private final Map<K, Instant> held = new HashMap<>();

  StatsThrottle(Clock clock, Duration interval) {
    this.clock = clock;
    this.interval = interval;
  }

  /**
   * A change of {@code key}: empty when it is to be pushed now (and counts as pushed), else when it
   * falls due. A key already held stays held until its first due time.
   */
  synchronized Optional<Instant> offer(K key) {
    Instant now = clock.instant();
    Instant last = lastSent.get(key);
    if (!held.containsKey(key) && (last == null || !now.isBefore(last.plus(interval)))) {
      lastSent.put(key, now);
      return Optional.empty();
    }
    Instant dueAt = held.computeIfAbsent(key, k -> last.plus(interval));
    return Optional.of(dueAt);
  }

  /** The held keys whose time has come, each now counted as pushed. */
  synchronized List<K> due() {
    Instant now = clock.instant();
    List<K> due = new ArrayList<>();
    held.entrySet().removeIf(entry -> {
      if (now.isBefore(entry.getValue())) {
        return false;
      }
      due.add(entry.getKey());
      lastSent.put(entry.getKey(), now);
      return true;
    });
    return due;
  }

  /** When the earliest held key falls due; empty when none is held. */
  synchronized Optional<Instant> nextDue() {
    return held.values().stream().min(Instant::compareTo);
  }
}
