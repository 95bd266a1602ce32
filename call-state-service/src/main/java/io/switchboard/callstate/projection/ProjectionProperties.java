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
 * @param maxPollRecords records per batch, one database transaction each: at most this many, or up to
 *     twice as many when they share the timestamp of the last ({@link TimestampMerge})
 * @param maxAlignWait longest wait for the records of a partition that holds the others back, to
 *     keep the batches in timestamp order across partitions ({@link TimestampMerge}), before a batch
 *     goes without them
 * @param minBackoff first wait before retrying after a failed batch; doubles on each failure in a row
 * @param maxBackoff longest wait between retries
 * @param shutdownTimeout how long a stop waits for the batch in flight to commit before abandoning it
 */
@Validated
@ConfigurationProperties("switchboard.projection")
record ProjectionProperties(
    @NotNull Duration pollTimeout,
    @Min(1) @Max(10_000) int maxPollRecords,
    @NotNull Duration maxAlignWait,
    @NotNull Duration minBackoff,
    @NotNull Duration maxBackoff,
    @NotNull Duration shutdownTimeout) {

  ProjectionProperties {
    requirePositive("poll-timeout", pollTimeout);
    requirePositive("max-align-wait", maxAlignWait);
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
