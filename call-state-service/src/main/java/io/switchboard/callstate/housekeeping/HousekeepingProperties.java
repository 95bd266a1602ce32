package io.switchboard.callstate.housekeeping;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When the housekeeping runs and what it closes (docs/call-state.md, *Housekeeping*).
 *
 * @param enabled whether it runs at all
 * @param interval time between two sweeps
 * @param ringingTimeout a call RINGING this long has lost its offer (routing times an offer out in
 *     15 s by default and says so): it is closed as MISSED
 * @param connectingTimeout a call CONNECTING this long never got its media up: closed as FAILED
 * @param maxCallDuration a call not ended this long after it was created is ended (ENDED when it
 *     was talking, else FAILED)
 * @param qualityRetention quality samples older than this are deleted
 * @param batchSize calls closed, and quality samples deleted, per sweep at most; the rest wait for
 *     the next sweep
 */
@Validated
@ConfigurationProperties("switchboard.housekeeping")
record HousekeepingProperties(
    boolean enabled,
    @NotNull Duration interval,
    @NotNull Duration ringingTimeout,
    @NotNull Duration connectingTimeout,
    @NotNull Duration maxCallDuration,
    @NotNull Duration qualityRetention,
    @Min(1) @Max(10_000) int batchSize) {

  HousekeepingProperties {
    requirePositive("interval", interval);
    requirePositive("ringing-timeout", ringingTimeout);
    requirePositive("connecting-timeout", connectingTimeout);
    requirePositive("max-call-duration", maxCallDuration);
    requirePositive("quality-retention", qualityRetention);
  }

  private static void requirePositive(String name, Duration value) {
    if (value != null && (value.isZero() || value.isNegative())) {
      throw new IllegalArgumentException("switchboard.housekeeping." + name + " must be positive, got " + value);
    }
  }
}
