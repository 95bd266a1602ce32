package io.switchboard.media.rtp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The RTP relay. Defaults live in {@code media-bridge.yml}.
 *
 * @param host the address the relay's UDP ports bind to: 127.0.0.1 by default, 0.0.0.0 (or the
 *     public interface) where phones reach the bridge from the network
 * @param portMin the lowest port handed out; each leg takes an even RTP port and the odd RTCP port above it
 * @param portMax the highest port handed out
 * @param timeout how long a leg may receive nothing (no valid RTP or RTCP) before its session ends
 * @param holdTimeout the same while the session is held
 * @param qualityInterval how often each leg's quality is reported to the session's listener
 * @param latchAnySource whether a leg latches onto a source other than the signalled one when nothing
 *     has come from the signalled address yet (callers behind NAT); off, only the signalled IP is accepted
 * @param selectorThreads how many selector threads carry all sessions' packets; 0 (the default) is one
 *     per available processor
 * @param dropLogInterval at most one log line per drop reason within this interval
 */
@Validated
@ConfigurationProperties("switchboard.media.rtp")
public record RtpProperties(
    @NotBlank String host,
    @NotNull @Min(1024) @Max(65535) Integer portMin,
    @NotNull @Min(1024) @Max(65535) Integer portMax,
    @NotNull Duration timeout,
    @NotNull Duration holdTimeout,
    @NotNull Duration qualityInterval,
    @NotNull Boolean latchAnySource,
    @NotNull @Min(0) @Max(64) Integer selectorThreads,
    @NotNull Duration dropLogInterval) {

  public RtpProperties {
    if (portMin != null && portMax != null && PortAllocator.pairCount(portMin, portMax) < 1) {
      throw new IllegalArgumentException("switchboard.media.rtp needs port-min and port-max to hold at least one"
          + " even/odd port pair, not " + portMin + "-" + portMax);
    }
    requirePositive("timeout", timeout);
    requirePositive("hold-timeout", holdTimeout);
    requirePositive("quality-interval", qualityInterval);
    requirePositive("drop-log-interval", dropLogInterval);
  }

  /** The selector loops to start: {@code selector-threads}, or one per available processor when it is 0. */
  public int selectorLoops() {
    return selectorThreads > 0 ? selectorThreads : Math.min(64, Runtime.getRuntime().availableProcessors());
  }

  private static void requirePositive(String name, Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException("switchboard.media.rtp." + name + " must be positive, not " + value);
    }
  }
}
