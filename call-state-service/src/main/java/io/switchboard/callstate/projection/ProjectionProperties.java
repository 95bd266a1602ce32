package io.switchboard.callstate.projection;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The projection loop that reads the event topics into PostgreSQL.
 *
 * @param pollTimeout longest wait for records in one poll
 * @param maxPollRecords most records applied in one database transaction
 * @param minBackoff first wait before retrying after a failed batch; doubles on each failure in a row
 * @param maxBackoff longest wait between retries
 * @param shutdownTimeout how long a stop waits for the batch in flight to commit before abandoning it
 */
@Validated
@ConfigurationProperties("switchboard.projection")
record ProjectionProperties(
    @NotNull Duration pollTimeout,
    @Min(1) @Max(10_000) int maxPollRecords,
    @NotNull Duration minBackoff,
    @NotNull Duration maxBackoff,
    @NotNull Duration shutdownTimeout) {

  ProjectionProperties {
    requirePositive("poll-timeout", pollTimeout);
    requirePositive("min-backoff", minBackoff);
    requirePositive("max-backoff", maxBackoff);
    requirePositive("shutdown-timeout", shutdownTimeout);
    if (minBackoff != null && maxBackoff != null && maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("switchboard.projection.max-backoff (" + maxBackoff
          + ") must not be shorter than min-backoff (" + minBackoff + ")");
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException("switchboard.projection." + name + " must be positive: " + value);
    }
  }
}
