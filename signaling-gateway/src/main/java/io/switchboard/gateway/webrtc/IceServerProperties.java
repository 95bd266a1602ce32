package io.switchboard.gateway.webrtc;

import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The STUN and TURN servers the pages use for their peer connections, handed out by
 * {@code GET /api/v1/webrtc/ice-servers} (docs/webrtc.md).
 *
 * @param stunUrls {@code stun:} or {@code stuns:} URLs, given without credentials
 * @param turnUrls {@code turn:} or {@code turns:} URLs of TURN servers that share {@code turnSecret}
 *     (coturn's {@code use-auth-secret}); each caller gets credentials of its own for them
 * @param turnSecret the secret shared with the TURN servers; required with {@code turnUrls}, at
 *     least 16 bytes
 * @param turnTtl how long a TURN credential is valid; the pages fetch new ones before then
 */
@Validated
@ConfigurationProperties("switchboard.gateway.webrtc")
public record IceServerProperties(
    List<String> stunUrls,
    List<String> turnUrls,
    String turnSecret,
    @NotNull @DurationMin(minutes = 1) @DurationMax(hours = 48) Duration turnTtl) {

  private static final Pattern STUN = Pattern.compile("stuns?:[^\\s?#]+");
  private static final Pattern TURN = Pattern.compile("turns?:[^\\s?#]+(\\?transport=(udp|tcp))?");
  static final int MIN_SECRET_BYTES = 16;

  public IceServerProperties {
    stunUrls = stunUrls == null ? List.of() : List.copyOf(stunUrls);
    turnUrls = turnUrls == null ? List.of() : List.copyOf(turnUrls);
    check(stunUrls, STUN, "stun-urls", "stun:host[:port] or stuns:host[:port]");
    check(turnUrls, TURN, "turn-urls", "turn:host[:port][?transport=udp|tcp] or turns:…");
    if (!turnUrls.isEmpty()
        && (turnSecret == null || turnSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES)) {
      throw new IllegalArgumentException("switchboard.gateway.webrtc.turn-secret must be set, at least "
          + MIN_SECRET_BYTES + " bytes, when turn-urls are: it is the TURN servers' static-auth-secret");
    }
  }

  boolean hasTurn() {
    return !turnUrls.isEmpty();
  }

  private static void check(List<String> urls, Pattern pattern, String property, String form) {
    for (String url : urls) {
      if (!pattern.matcher(url).matches()) {
        throw new IllegalArgumentException("switchboard.gateway.webrtc." + property + ": '" + url + "' is not "
            + form);
      }
    }
  }
}
