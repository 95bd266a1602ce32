package io.switchboard.gateway.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IceServerPropertiesTest {

  private static final Duration TTL = Duration.ofHours(1);

  @Test
  void noServersAtAllIsAValidConfiguration() {
    IceServerProperties none = new IceServerProperties(null, null, null, TTL);
    assertThat(none.stunUrls()).isEmpty();
    assertThat(none.hasTurn()).isFalse();
  }

  @Test
  void turnServersNeedASecretOfSixteenBytes() {
    List<String> turn = List.of("turn:turn.example.com:3478?transport=udp", "turns:turn.example.com:5349");
    assertThat(new IceServerProperties(List.of(), turn, "0123456789abcdef", TTL).hasTurn()).isTrue();
    assertThatThrownBy(() -> new IceServerProperties(List.of(), turn, null, TTL))
        .hasMessageContaining("switchboard.gateway.webrtc.turn-secret must be set");
    assertThatThrownBy(() -> new IceServerProperties(List.of(), turn, "short", TTL))
        .hasMessageContaining("at least 16 bytes");
  }

  @Test
  void aUrlOfTheWrongSchemeOrFormIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> new IceServerProperties(List.of("turn:turn.example.com"), null, null, TTL))
        .hasMessageContaining("switchboard.gateway.webrtc.stun-urls: 'turn:turn.example.com'");
    assertThatThrownBy(() -> new IceServerProperties(null, List.of("https://turn.example.com"), "0123456789abcdef",
        TTL)).hasMessageContaining("turn-urls");
    assertThatThrownBy(() -> new IceServerProperties(null, List.of("turn:host?transport=sctp"), "0123456789abcdef",
        TTL)).hasMessageContaining("turn-urls");
  }
}
