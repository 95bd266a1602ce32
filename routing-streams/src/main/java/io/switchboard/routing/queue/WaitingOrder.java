package io.switchboard.routing.queue;

/**
 * The order of waiting calls with aging. A call's effective priority at time {@code now} is
 * {@code priority + rate * (now - enqueuedAt)}, with one rate per queue. Subtracting the same
 * {@code rate * now} from every call of the queue does not change their order, so ordering by
 * {@code priority - rate * enqueuedAt}, a key fixed when the call enters the queue, is ordering by
 * effective priority at any time: no re-sorting as time passes.
 *
 * <p>Keys are in 1/60000 of a point (points per minute times milliseconds), so they stay exact longs.
 */
final class WaitingOrder {

  static final long MS_PER_MINUTE = 60_000;

  /** Rates are clamped to this, so that {@code rate * enqueuedAt} cannot overflow a long. */
  static final int MAX_AGING_POINTS_PER_MINUTE = 1_000_000;

  private WaitingOrder() {}

  static int clampRate(int pointsPerMinute) {
    return Math.max(0, Math.min(MAX_AGING_POINTS_PER_MINUTE, pointsPerMinute));
  }

  /** The fixed key: higher sorts first. */
  static long sortKey(int priority, long enqueuedAt, int pointsPerMinute) {
    return priority * MS_PER_MINUTE - (long) clampRate(pointsPerMinute) * Math.max(0, enqueuedAt);
  }

  /** Effective priority at {@code now}, scaled like the key, to compare calls of queues with different rates. */
  static long effective(RoutedCall call, int pointsPerMinute, long now) {
    return call.priority() * MS_PER_MINUTE
        + (long) clampRate(pointsPerMinute) * Math.max(0, now - Math.max(0, call.enqueuedAt()));
  }

  /** Effective priority at {@code now} in points, for reasons. */
  static long effectivePoints(RoutedCall call, int pointsPerMinute, long now) {
    return Math.floorDiv(effective(call, pointsPerMinute, now), MS_PER_MINUTE);
  }
}
