package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErlangCTest {

  @Test
  void twoAgentsAtOneErlangWaitOneCallInThree() {
    // given M/M/2 with a = 1: B(2,1) = 0.2, C = 2·0.2 / (2 − 0.8) = 1/3
    ErlangC queue = new ErlangC(2, 1.0, 1.0);

    // then
    assertThat(queue.probabilityOfWaiting()).isCloseTo(1.0 / 3, within(1e-12));
  }

  @Test
  void oneAgentIsTheMm1Queue() {
    // given M/M/1 with ρ = 0.5, μ = 1/180: P(wait) = ρ, ASA = ρ / (μ − λ)
    double mu = 1 / 180.0;
    ErlangC queue = new ErlangC(1, 0.5 * mu, mu);

    // then
    assertThat(queue.probabilityOfWaiting()).isCloseTo(0.5, within(1e-12));
    assertThat(queue.averageSpeedOfAnswer()).isCloseTo(0.5 / (mu - 0.5 * mu), within(1e-9));
    assertThat(queue.serviceLevel(0)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void matchesThePublishedCallCentreExample() {
    // given 10 Erlangs (200 calls an hour, 180 s each) on 11 agents: P(wait) 68.2 %, the classic example
    ErlangC queue = new ErlangC(11, 200 / 3600.0, 1 / 180.0);

    // then
    assertThat(queue.probabilityOfWaiting()).isCloseTo(0.6821, within(1e-4));
    assertThat(queue.averageSpeedOfAnswer()).isCloseTo(122.78, within(0.01));
    assertThat(queue.serviceLevel(20)).isCloseTo(0.3896, within(1e-4));
    assertThat(queue.occupancy()).isCloseTo(10 / 11.0, within(1e-12));
  }

  @ParameterizedTest
  @CsvSource({"1,0.3", "3,2.5", "10,8", "20,18", "30,29.5"})
  void recursionAgreesWithTheClosedForm(int agents, double erlangs) {
    // when
    double recursive = new ErlangC(agents, erlangs, 1).probabilityOfWaiting();

    // then: a^c/c! · c/(c−a) / (Σ_{k<c} a^k/k! + a^c/c! · c/(c−a))
    double sum = 0;
    double term = 1;
    for (int k = 0; k < agents; k++) {
      sum += term;
      term = term * erlangs / (k + 1);
    }
    double top = term * agents / (agents - erlangs);
    assertThat(recursive).isCloseTo(top / (sum + top), within(1e-12));
  }

  @Test
  void staysFiniteForThousandsOfAgents() {
    // given a^c / c! overflows a double long before c = 2000
    ErlangC queue = new ErlangC(2000, 1900, 1);

    // then
    assertThat(queue.probabilityOfWaiting()).isBetween(0.0, 1.0).isCloseTo(0.0134064, within(1e-6));
  }

  @Test
  void refusesAnUnstableQueue() {
    assertThatThrownBy(() -> new ErlangC(5, 5, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unstable");
  }
}
