package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetSocketAddress;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class RelayLegTest {

  private final Clock clock = mock(Clock.class);
  private final RelayLeg leg = new RelayLeg(Side.A, "127.0.0.1", new PortPair(20000), null, null, true, clock);

  @Test
  void silenceCountsOnlyOnceTheLegIsSignalledOrHeard() {
    assertThat(leg.silentMillis(50_000)).isEqualTo(-1);

    when(clock.millis()).thenReturn(10_000L);
    leg.signal(new InetSocketAddress("192.0.2.1", 4000));

    assertThat(leg.silentMillis(40_000)).isEqualTo(30_000);
  }

  @Test
  void eachPacketHeardStartsTheSilenceOver() {
    leg.heard(5_000);
    leg.rtpReceived(new RtpHeader(false, false, 0, false, 0, 1, 0, 1, 12, 160), 172, 9_000);

    assertThat(leg.silentMillis(9_500)).isEqualTo(500);
  }

  @Test
  void rtcpGoesToTheNextPortWhenOnlyRtpIsSignalled() {
    when(clock.millis()).thenReturn(1L);
    leg.signal(new InetSocketAddress("192.0.2.1", 4000));

    assertThat(leg.rtpTarget()).isEqualTo(new InetSocketAddress("192.0.2.1", 4000));
    assertThat(leg.rtcpTarget()).isEqualTo(new InetSocketAddress("192.0.2.1", 4001));
  }

  @Test
  void anUnresolvedAddressIsRefused() {
    assertThatThrownBy(() -> leg.signal(InetSocketAddress.createUnresolved("phone.invalid", 4000)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countsGiveTheIntervalSinceThePreviousOnes() {
    leg.rtpReceived(new RtpHeader(false, false, 0, false, 0, 1, 0, 1, 12, 160), 172, 1);
    leg.rtpReceived(new RtpHeader(false, false, 0, false, 0, 4, 0, 1, 12, 160), 172, 2);
    leg.rtpSent(0, 172);

    RelayLeg.Counts first = leg.counts(5_000);
    assertThat(first.packetsReceived()).isEqualTo(2);
    assertThat(first.lost()).isEqualTo(2);
    assertThat(first.intervalLossPercent()).isEqualTo(50.0);
    assertThat(first.intervalBytesSent()).isEqualTo(172);
    assertThat(first.intervalMillis()).isEqualTo(5_000);

    leg.rtpReceived(new RtpHeader(false, false, 0, false, 0, 5, 0, 1, 12, 160), 172, 3);
    RelayLeg.Counts second = leg.counts(10_000);
    assertThat(second.intervalLossPercent()).isEqualTo(0.0);
    assertThat(second.intervalBytesSent()).isZero();
    assertThat(second.intervalMillis()).isEqualTo(5_000);
    assertThat(leg.counts(15_000).intervalLossPercent()).isNull();
  }
}
