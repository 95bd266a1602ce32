package io.switchboard.gateway.web;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much a client may send at once.
 *
 * @param maxBodySize the largest REST request body; a larger one is refused with 413 before it is read
 * @param maxFrameSize the largest WebSocket message; a larger frame closes the session with 1009
 */
@Validated
@ConfigurationProperties("switchboard.gateway.limits")
public record RequestLimitsProperties(
    @NotNull @DefaultValue("64KB") DataSize maxBodySize,
    @NotNull @DefaultValue("64KB") DataSize maxFrameSize) {

  /** Below 1 KB no queue config fits; above 16 MB a body is no longer a request but an upload. */
  static final DataSize MIN = DataSize.ofKilobytes(1);
  static final DataSize MAX = DataSize.ofMegabytes(16);

  @AssertTrue(message = "must be between 1KB and 16MB")
  boolean isMaxBodySizeInRange() {
    return inRange(maxBodySize);
  }

  @AssertTrue(message = "must be between 1KB and 16MB")
  boolean isMaxFrameSizeInRange() {
    return inRange(maxFrameSize);
  }

  private static boolean inRange(DataSize size) {
    return size == null || size.compareTo(MIN) >= 0 && size.compareTo(MAX) <= 0;
  }
}
