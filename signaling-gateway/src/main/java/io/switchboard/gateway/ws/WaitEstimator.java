package io.switchboard.gateway.ws;

import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.QueueStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A caller's estimated wait from its place and its queue's latest statistics (docs/gateway.md):
 * {@code place × average handle time / staffed agents}, rounded up to the next 30 s. Staffed agents are
 * those of the queue AVAILABLE, RESERVED, BUSY or WRAP_UP; the handle time is that of the queue's
 * latest interval that had one, if that interval began less than {@link #HANDLE_TIME_AGE} ago. No
 * estimate (null) without a snapshot, a place, a recent handle time or a staffed agent.
 */
final class WaitEstimator {

  /** How old the interval of the handle time may be: older figures say little about this hour. */
  static final Duration HANDLE_TIME_AGE = Duration.ofHours(1);
  /** Estimates are rounded up to this: a caller is told "about 2 min", not "117 s". */
  static final int STEP_SECONDS = 30;
  /** Below this change, an estimate already sent is not sent again. */
  static final int MATERIAL_SECONDS = 60;

  private static final List<String> STAFFED = List.of(AgentStatus.AVAILABLE.name(), AgentStatus.RESERVED.name(),
      AgentStatus.BUSY.name(), AgentStatus.WRAP_UP.name());

  private WaitEstimator() {}

  /** The estimate in seconds, or null. {@code handleTime}: the table's latest one for the queue, or null. */
  static Integer estimate(QueueStats latest, QueueStatsTable.HandleTime handleTime, Integer position, Instant now) {
    if (latest == null || handleTime == null || position == null || position < 1
        || handleTime.intervalStart().isBefore(now.minus(HANDLE_TIME_AGE))) {
      return null;
    }
    int staffed = STAFFED.stream().mapToInt(status -> latest.getAgentsByStatus().getOrDefault(status, 0)).sum();
    if (staffed <= 0) {
      return null;
    }
    double seconds = position * (handleTime.ahtMs() / 1000.0) / staffed;
    long steps = (long) Math.ceil(seconds / STEP_SECONDS);
    return (int) Math.min(Integer.MAX_VALUE, steps * STEP_SECONDS);
  }

  /**
   * Whether {@code next} is worth a new {@code call:queued}: it appears or disappears, or moves by at
   * least {@link #MATERIAL_SECONDS} and a fifth of the previous estimate.
   */
  static boolean material(Integer previous, Integer next) {
    if (previous == null || next == null) {
      return previous != next;
    }
    int change = Math.abs(next - previous);
    return change >= MATERIAL_SECONDS && change * 5 >= previous;
  }
}
