package io.switchboard.routing.stats;

import io.switchboard.routing.store.Padding;
/**
 * Keys of the statistics stores. Parts are joined by NUL, which sorts before every other character,
 * so a prefix scan of {@code tenant, queue} never picks up a longer queue name, and times are
 * zero-padded so that byte order is time order.
 */
final class StatsKeys {

  static final char SEPARATOR = '\u0000';

  private StatsKeys() {}

  /** Agents, calls and queues: {@code tenant, id}. */
  static String of(String tenant, String id) {
    return tenant + SEPARATOR + id;
  }

  static String queuePrefix(String tenant, String queue) {
    return of(tenant, queue) + SEPARATOR;
  }

  /** Waiting calls of a queue, oldest first: the head of a prefix scan is the longest wait. */
  static String waiting(String tenant, String queue, long enteredAt, String callId) {
    return queuePrefix(tenant, queue) + padded(enteredAt) + SEPARATOR + callId;
  }

  /** {@code enteredAt} of a waiting key. */
  static long waitingSince(String key) {
    int start = key.indexOf(SEPARATOR, key.indexOf(SEPARATOR) + 1) + 1;
    return Long.parseLong(key.substring(start, key.indexOf(SEPARATOR, start)));
  }

  /** 15-minute intervals of a queue, in time order. */
  static String interval(String tenant, String queue, long intervalStart) {
    return queuePrefix(tenant, queue) + padded(intervalStart);
  }

  /** Ends seen early, oldest first: {@code endedAt, tenant, callId}. */
  static String ended(long endedAt, String tenant, String callId) {
    return padded(endedAt) + SEPARATOR + of(tenant, callId);
  }

  /** {@code [tenant, id]} of a key made by {@link #of}. */
  static String[] split(String key) {
    int separator = key.indexOf(SEPARATOR);
    return new String[] {key.substring(0, separator), key.substring(separator + 1)};
  }

  static String padded(long millis) {
    return Padding.decimal19(millis);
  }
}
