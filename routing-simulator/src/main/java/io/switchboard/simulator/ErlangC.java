package io.switchboard.simulator;

/**
 * Erlang C, the M/M/c queue in steady state: Poisson arrivals at rate λ, exponential handle times
 * of rate μ, c agents, first come first served, nobody abandons. The simulator is validated against it.
 */
final class ErlangC {

  private final int agents;
  private final double arrivalRate;
  private final double serviceRate;

  /**
   * @param arrivalRate λ, calls per second
   * @param serviceRate μ, calls per second one agent completes (1 / AHT)
   */
  ErlangC(int agents, double arrivalRate, double serviceRate) {
    if (agents < 1 || arrivalRate <= 0 || serviceRate <= 0) {
      throw new IllegalArgumentException("Need at least one agent and positive rates");
    }
    if (arrivalRate >= agents * serviceRate) {
      throw new IllegalArgumentException("Unstable: offered load " + arrivalRate / serviceRate
          + " Erlangs needs more than " + agents + " agents");
    }
    this.agents = agents;
    this.arrivalRate = arrivalRate;
    this.serviceRate = serviceRate;
  }

  /**
   * Erlang B by its recursion B(k) = a·B(k-1) / (k + a·B(k-1)), B(0) = 1: every step stays in
   * [0, 1], so unlike the textbook formula with a^c / c! it neither overflows nor loses precision.
   */
  static double erlangB(int agents, double offeredLoad) {
    double blocking = 1.0;
    for (int k = 1; k <= agents; k++) {
      blocking = offeredLoad * blocking / (k + offeredLoad * blocking);
    }
    return blocking;
  }

  /** Probability that a call waits: C = c·B / (c − a·(1 − B)). */
  double probabilityOfWaiting() {
    double load = arrivalRate / serviceRate;
    double blocking = erlangB(agents, load);
    return agents * blocking / (agents - load * (1 - blocking));
  }

  /** Average speed of answer, seconds: C / (cμ − λ). */
  double averageSpeedOfAnswer() {
    return probabilityOfWaiting() / (agents * serviceRate - arrivalRate);
  }

  /** Share of calls answered within {@code seconds}: 1 − C·e^{−(cμ − λ)t}. */
  double serviceLevel(double seconds) {
    return 1 - probabilityOfWaiting() * Math.exp(-(agents * serviceRate - arrivalRate) * seconds);
  }

  /** Agent occupancy ρ = λ / (cμ). */
  double occupancy() {
    return arrivalRate / (agents * serviceRate);
  }
}
