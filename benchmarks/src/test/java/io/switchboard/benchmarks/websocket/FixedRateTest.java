package io.switchboard.benchmarks.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FixedRateTest {

  @Test
  void spacesPushesEvenlyOverEachSecond() {
    assertThat(FixedRate.dueAfter(0, 1000)).isZero();
    assertThat(FixedRate.dueAfter(1, 1000)).isEqualTo(1_000_000);
    assertThat(FixedRate.dueAfter(1000, 1000)).isEqualTo(1_000_000_000);
    // A rate that does not divide a second drifts by no more than a nanosecond per push.
    assertThat(FixedRate.dueAfter(3, 3)).isEqualTo(1_000_000_000);
    assertThat(FixedRate.dueAfter(1, 3)).isEqualTo(333_333_333);
  }

  @Test
  void sendsEveryPushOfThePhaseInOrder() {
    StringBuilder sent = new StringBuilder();

    FixedRate.Sent result = FixedRate.run(1000, 0, seq -> sent.append(seq));
    FixedRate.Sent two = FixedRate.run(2, 1, seq -> sent.append(seq));

    assertThat(result.count()).isZero();
    assertThat(two.count()).isEqualTo(2);
    assertThat(sent).hasToString("01");
  }
}
