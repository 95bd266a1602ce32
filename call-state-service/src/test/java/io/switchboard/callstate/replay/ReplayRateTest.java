package io.switchboard.callstate.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayRateTest {

  private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

  @Test
  void theRateIsOverTheWindowNotSinceTheStart() {
    // given a slow start, then 10,000 records a second
    ReplayRate rate = new ReplayRate(Duration.ofSeconds(10));
    rate.sample(T0, 0);
    rate.sample(T0.plusSeconds(10), 1_000);
    for (int s = 11; s <= 30; s++) {
      rate.sample(T0.plusSeconds(s), 1_000 + (s - 10) * 10_000L);
    }

    // then the rate is the last ten seconds' and the time left follows it
    assertThat(rate.perSecond()).isEqualTo(10_000.0);
    assertThat(rate.eta(25_000)).isEqualTo(Duration.ofMillis(2_500));
  }

  @Test
  void nothingCanBeToldBeforeTwoSamplesOrWithoutALag() {
    ReplayRate rate = new ReplayRate(Duration.ofSeconds(10));
    assertThat(rate.perSecond()).isZero();
    rate.sample(T0, 500);
    assertThat(rate.eta(100)).isNull();
    assertThat(rate.eta(-1)).isNull();
    assertThat(rate.eta(0)).isEqualTo(Duration.ZERO);
  }

  @Test
  void aStalledRebuildHasNoEstimate() {
    ReplayRate rate = new ReplayRate(Duration.ofSeconds(10));
    rate.sample(T0, 500);
    rate.sample(T0.plusSeconds(5), 500);
    assertThat(rate.perSecond()).isZero();
    assertThat(rate.eta(100)).isNull();
  }
}
