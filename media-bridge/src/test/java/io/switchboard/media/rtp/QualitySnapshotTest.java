package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.Mockito.mock;

import io.switchboard.schemas.quality.EModel;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QualitySnapshotTest {

  private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

  private final RelayLeg a = new RelayLeg(Side.A, "127.0.0.1", new PortPair(20000), null, null, true, mock(Clock.class));
  private final RelayLeg b = new RelayLeg(Side.B, "127.0.0.1", new PortPair(20002), null, null, true, mock(Clock.class));
  private final RelaySession session = new RelaySession("t1", "call-1", a, b, (s, r) -> {}, null, null);

  @Test
  void takesLossAndJitterFromThePhonesReportAndAddsBothLegsRoundTrips() {
    a.participantId("agent-7");
    for (int i = 0; i < 250; i++) {
      a.rtpSent(0, 172);
    }
    // 25 % lost, 12 in all, jitter 160 units at PCMU's 8000 Hz: 20 ms.
    a.reported(new ReportBlock(1, 2, 64, 12, 300, 160, 0, 0));

    LegQuality quality = QualitySnapshot.of(session, a, a.counts(5_000), b.counts(5_000), 30.0, 50.0, AT);

    assertThat(quality.tenantId()).isEqualTo("t1");
    assertThat(quality.callId()).isEqualTo("call-1");
    assertThat(quality.side()).isEqualTo(Side.A);
    assertThat(quality.participantId()).isEqualTo("agent-7");
    assertThat(quality.codec()).isEqualTo("PCMU");
    assertThat(quality.packetsSent()).isEqualTo(250);
    assertThat(quality.reportedLossPercent()).isEqualTo(25.0);
    assertThat(quality.reportedCumulativeLost()).isEqualTo(12);
    assertThat(quality.jitterMs()).isEqualTo(20.0);
    assertThat(quality.rttMs()).isEqualTo(30.0);
    assertThat(quality.pathRttMs()).isEqualTo(80.0);
    assertThat(quality.lossPercent()).isEqualTo(25.0);
    // 250 × 172 bytes in 5 s: 68.8 kbit/s
    assertThat(quality.bitrateKbps()).isCloseTo(68.8, within(1e-9));
    assertThat(quality.mos()).isEqualTo(EModel.mos("PCMU", 80.0, 20.0, 25.0));
    assertThat(quality.at()).isEqualTo(AT);
  }

  @Test
  void withoutRtcpTheLossIsTheRelaysOwnCountOfGapsOnTheOtherLeg() {
    b.rtpReceived(new RtpHeader(false, false, 0, false, 8, 1, 0, 9, 12, 160), 172, 1);
    b.rtpReceived(new RtpHeader(false, false, 0, false, 8, 5, 0, 9, 12, 160), 172, 2);
    a.rtpSent(8, 172);
    a.rtpSent(8, 172);

    LegQuality quality = QualitySnapshot.of(session, a, a.counts(5_000), b.counts(5_000), null, null, AT);

    assertThat(quality.codec()).isEqualTo("PCMA");
    assertThat(quality.reportedLossPercent()).isNull();
    assertThat(quality.jitterMs()).isNull();
    assertThat(quality.pathRttMs()).isNull();
    assertThat(quality.lossPercent()).isEqualTo(60.0);
    assertThat(quality.mos()).isEqualTo(EModel.mos("PCMA", null, null, 60.0));
  }

  @Test
  void jitterUsesTheClockRateOfADynamicPayloadTypeAndNoFigureMeansNoMos() {
    session.payloadType(111, "opus", 48000);
    a.rtpSent(111, 100);
    a.reported(new ReportBlock(1, 2, 0, 0, 0, 960, 0, 0));

    LegQuality opus = QualitySnapshot.of(session, a, a.counts(5_000), b.counts(5_000), null, null, AT);
    assertThat(opus.codec()).isEqualTo("opus");
    assertThat(opus.jitterMs()).isEqualTo(20.0);

    RelayLeg idle = new RelayLeg(Side.B, "127.0.0.1", new PortPair(20004), null, null, true, mock(Clock.class));
    LegQuality nothing = QualitySnapshot.of(session, idle, idle.counts(5_000), idle.counts(5_000), null, null, AT);
    assertThat(nothing.mos()).isNull();
    assertThat(nothing.codec()).isNull();
  }
}
