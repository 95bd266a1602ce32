package io.switchboard.simulator;

import java.util.Map;
import java.util.Objects;

/**
 * The callers of one queue.
 *
 * @param arrivalsPerHour rate of the Poisson arrivals
 * @param patience how long a caller waits before hanging up; {@code null} means callers never abandon
 * @param attributes probability of each call attribute, keyed {@code name=value} (e.g. {@code vip=true})
 * @param tags probability of each tag
 */
record QueueWorkload(
    String queue,
    double arrivalsPerHour,
    Distribution handleTime,
    Distribution patience,
    Map<String, Double> attributes,
    Map<String, Double> tags) {

  QueueWorkload {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(handleTime, "handleTime");
    if (arrivalsPerHour <= 0) {
      throw new IllegalArgumentException("arrivals per hour of queue " + queue + " must be positive");
    }
    attributes = Map.copyOf(attributes);
    tags = Map.copyOf(tags);
  }

  static QueueWorkload poisson(String queue, double arrivalsPerHour, Distribution handleTime) {
    return new QueueWorkload(queue, arrivalsPerHour, handleTime, null, Map.of(), Map.of());
  }
}
