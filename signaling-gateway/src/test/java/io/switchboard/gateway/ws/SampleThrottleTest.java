package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.MediaType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SampleThrottleTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private final SampleThrottle throttle = new SampleThrottle();

  @Test
  void admitsOneSamplePerCallAndMediaTypePerSecond() {
    assertThat(throttle.admit("c1", MediaType.AUDIO, T0)).isTrue();
    assertThat(throttle.admit("c1", MediaType.AUDIO, T0.plusMillis(999))).isFalse();
    assertThat(throttle.admit("c1", MediaType.VIDEO, T0.plusMillis(999))).isTrue();
    assertThat(throttle.admit("c2", MediaType.AUDIO, T0.plusMillis(999))).isTrue();
    assertThat(throttle.admit("c1", MediaType.AUDIO, T0.plusMillis(1000))).isTrue();
    // A dropped sample does not move the window.
    assertThat(throttle.admit("c1", MediaType.AUDIO, T0.plusMillis(1500))).isFalse();
    assertThat(throttle.admit("c1", MediaType.AUDIO, T0.plusMillis(2000))).isTrue();
  }

  @Test
  void remembersABoundedNumberOfStreams() {
    for (int i = 0; i < 100; i++) {
      assertThat(throttle.admit("call-" + i, MediaType.AUDIO, T0)).isTrue();
    }
    assertThat(throttle.size()).isEqualTo(SampleThrottle.REMEMBERED);
    // The oldest were forgotten, the newest are still held.
    assertThat(throttle.admit("call-0", MediaType.AUDIO, T0)).isTrue();
    assertThat(throttle.admit("call-99", MediaType.AUDIO, T0)).isFalse();
  }
}
