package io.switchboard.gateway.ratelimit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * A rate: at most {@code capacity} requests at once, refilled at {@code capacity} per {@code window}.
 *
 * @param capacity the burst a client may send before it is held to the rate
 * @param window how long an empty bucket takes to refill completely
 */
public record Limit(
    @Min(1) @Max(1_000_000) int capacity,
    @NotNull @DurationMin(millis = 100) @DurationMax(hours = 24) Duration window) {

  @Override
  public String toString() {
    return capacity + " per " + window.toString().substring(2).toLowerCase();
  }
}
