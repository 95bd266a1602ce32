package io.switchboard.callstate.replay;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Replay: rebuilding the projection from the beginning of the topics.
 *
 * @param rebuildSchema the schema the new tables are built in; dropped and made again at each replay
 * @param retiredSchema where the replaced tables go at the switch-over; the previous replay's are
 *     dropped then
 * @param switchLag the rebuild starts the switch-over once it is at most this many records behind
 *     the ends of the topics
 * @param switchTimeout how long the live projection may stay paused while the rebuild reaches its
 *     offsets; past it the switch-over is abandoned and the old tables stay live
 * @param lockTimeout how long the switch-over waits for readers holding the live tables
 * @param progressInterval how often the progress is sampled
 * @param logInterval how often the progress is logged
 */
@Validated
@ConfigurationProperties("switchboard.replay")
record ReplayProperties(
    @NotNull @Pattern(regexp = SCHEMA_NAME) String rebuildSchema,
    @NotNull @Pattern(regexp = SCHEMA_NAME) String retiredSchema,
    @Min(0) long switchLag,
    @NotNull Duration switchTimeout,
    @NotNull Duration lockTimeout,
    @NotNull Duration progressInterval,
    @NotNull Duration logInterval) {

  /** Lower-case SQL identifiers, so that they need no quoting. */
  static final String SCHEMA_NAME = "[a-z_][a-z0-9_]{0,62}";

  ReplayProperties {
    if (rebuildSchema != null && rebuildSchema.equals(retiredSchema)) {
      throw new IllegalArgumentException("switchboard.replay.rebuild-schema and retired-schema must differ: "
          + rebuildSchema);
    }
    requirePositive("switch-timeout", switchTimeout);
    requirePositive("lock-timeout", lockTimeout);
    requirePositive("progress-interval", progressInterval);
    requirePositive("log-interval", logInterval);
  }

  private static void requirePositive(String name, Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException("switchboard.replay." + name + " must be positive: " + value);
    }
  }
}
