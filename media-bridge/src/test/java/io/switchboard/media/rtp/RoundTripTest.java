package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RoundTripTest {

  private static final long MS = 1_000_000;

  @Test
  void isTheTimeFromSendingTheSrToTheReportLessTheReportersDelay() {
    RoundTrip roundTrip = new RoundTrip();
    roundTrip.srSent(0xb2c34000L, 1_000 * MS);

    // Report 580 ms later, having held the SR for 0x8000 / 65536 s = 500 ms: 80 ms round trip.
    Double rtt = roundTrip.reported(0xb2c34000L, 0x8000, 1_580 * MS);

    assertThat(rtt).isCloseTo(80.0, within(1e-9));
    assertThat(roundTrip.lastMs()).isEqualTo(rtt);
  }

  @Test
  void ignoresReportsNamingNoSrOrOneNotSentHere() {
    RoundTrip roundTrip = new RoundTrip();
    roundTrip.srSent(0x00010000L, 1_000 * MS);

    assertThat(roundTrip.reported(0, 0, 2_000 * MS)).isNull();
    assertThat(roundTrip.reported(0x00020000L, 0, 2_000 * MS)).isNull();
    assertThat(roundTrip.lastMs()).isNull();
  }

  @Test
  void aDelayLargerThanTheTimePassedCountsAsZero() {
    RoundTrip roundTrip = new RoundTrip();
    roundTrip.srSent(7, 1_000 * MS);

    assertThat(roundTrip.reported(7, 65536, 1_100 * MS)).isZero();
  }

  @Test
  void remembersTheLastFewSrs() {
    RoundTrip roundTrip = new RoundTrip();
    for (int i = 1; i <= 10; i++) {
      roundTrip.srSent(i, i * 1_000 * MS);
    }

    assertThat(roundTrip.reported(1, 0, 20_000 * MS)).isNull();
    assertThat(roundTrip.reported(10, 0, 10_020 * MS)).isCloseTo(20.0, within(1e-9));
    assertThat(roundTrip.reported(3, 0, 10_000 * MS)).isCloseTo(7_000.0, within(1e-9));
  }
}
