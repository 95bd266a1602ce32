package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DropLogTest {

  private static final InetSocketAddress SOURCE = new InetSocketAddress("192.0.2.1", 4000);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Clock clock = mock(Clock.class);
  private final DropLog drops = new DropLog(new RtpMetrics(registry), clock, Duration.ofSeconds(10));

  @Test
  void countsEveryDropAndLogsOnePerReasonPerInterval() {
    when(clock.millis()).thenReturn(1_000L);
    assertThat(drops.dropped(DropReason.BAD_VERSION, "c", Side.A, SOURCE)).isTrue();
    assertThat(drops.dropped(DropReason.BAD_VERSION, "c", Side.A, SOURCE)).isFalse();
    assertThat(drops.dropped(DropReason.TRUNCATED, "c", Side.A, SOURCE)).isTrue();

    when(clock.millis()).thenReturn(10_999L);
    assertThat(drops.dropped(DropReason.BAD_VERSION, "c", Side.B, SOURCE)).isFalse();
    when(clock.millis()).thenReturn(11_000L);
    assertThat(drops.dropped(DropReason.BAD_VERSION, "c", Side.B, SOURCE)).isTrue();

    assertThat(registry.get("switchboard.media.rtp.dropped").tag("reason", "bad-version").counter().count())
        .isEqualTo(4);
    assertThat(registry.get("switchboard.media.rtp.dropped").tag("reason", "truncated").counter().count())
        .isEqualTo(1);
  }
}
