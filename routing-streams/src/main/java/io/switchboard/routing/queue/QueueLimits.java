package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.QueueLimitAction;

/**
 * The limits of one queue, from its {@code queue.config} record; a queue nobody configured has none.
 * A null field is no limit. Times are in milliseconds.
 *
 * @param capacity most callers waiting on the line at once (callbacks do not hold a line)
 * @param maxWaitMs longest wait in this queue before {@code maxWaitAction}
 * @param noAgentMs wait in this queue after which {@code noAgentAction} applies if no agent of the
 *     queue is signed in
 */
record QueueLimits(
    String queue,
    Integer capacity,
    Long maxWaitMs,
    QueueLimitAction maxWaitAction,
    Long noAgentMs,
    QueueLimitAction noAgentAction,
    String overflowQueue) {

  static QueueLimits none(String queue) {
    return new QueueLimits(queue, null, null, QueueLimitAction.END, null, QueueLimitAction.END, null);
  }

  static QueueLimits of(QueueConfig config) {
    return new QueueLimits(config.getQueue(), config.getCapacity(), millis(config.getMaxWaitSeconds()),
        config.getMaxWaitAction(), millis(config.getMaxWaitNoAgentSeconds()), config.getNoAgentAction(),
        blankToNull(config.getOverflowQueue()));
  }

  /** Whether a queue already holding {@code waiting} callers on the line takes one more. */
  boolean admits(int waiting) {
    return capacity == null || waiting < capacity;
  }

  /** Seconds (0 included: act at the next check) to milliseconds; null stays "no limit". */
  private static Long millis(Integer seconds) {
    return seconds == null ? null : Math.max(0, seconds) * 1000L;
  }

  private static String blankToNull(String name) {
    return name == null || name.isBlank() ? null : name;
  }
}
