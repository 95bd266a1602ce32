package io.switchboard.media.sip.call;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The B2BUA's calls. Defaults live in {@code media-bridge.yml}.
 *
 * @param ringback what a waiting caller hears when its queue has no audio of its own: {@code etsi}
 *     (425 Hz, 1 s on, 4 s off) or {@code ansi} (440 + 480 Hz, 2 s on, 4 s off)
 * @param waitingAudio per queue name, a WAV file (8 kHz mono or stereo, 16-bit PCM, µ-law or A-law)
 *     played in a loop instead of the ringback while a caller of that queue waits; read at start
 * @param mediaAddress the address written into SDP for the relay's ports; empty for the RTP host, or
 *     this host's address when the relay binds 0.0.0.0 (set it where phones reach the bridge through NAT)
 * @param transferTimeout how long a blind transfer waits for the routing engine's answer (a transfer to a
 *     number: for the number's answer) before it is given up (the referring phone is NOTIFYed 408 and the
 *     call stays with its agent)
 * @param sessionExpires the session interval the bridge asks for and caps callers' at (RFC 4028)
 * @param minSessionExpires the shortest session interval taken (its {@code Min-SE}); a caller asking
 *     for less gets 422. RFC 4028 sets 90 s as the least; lower is for tests
 */
@Validated
@ConfigurationProperties("switchboard.media.sip.call")
public record B2buaProperties(@NotNull Ringback ringback, Map<String, Path> waitingAudio, String mediaAddress,
    @NotNull Duration transferTimeout, @NotNull Duration sessionExpires, @NotNull Duration minSessionExpires) {

  /** The ringback tone. */
  public enum Ringback { ETSI, ANSI }

  public B2buaProperties {
    waitingAudio = waitingAudio == null ? Map.of() : Map.copyOf(waitingAudio);
    mediaAddress = mediaAddress == null || mediaAddress.isBlank() ? null : mediaAddress.strip();
    if (minSessionExpires != null && sessionExpires != null
        && (minSessionExpires.toSeconds() < 1 || sessionExpires.compareTo(minSessionExpires) < 0)) {
      throw new IllegalArgumentException("switchboard.media.sip.call.session-expires (" + sessionExpires
          + ") must be at least min-session-expires (" + minSessionExpires + "), itself at least 1s");
    }
  }
}
