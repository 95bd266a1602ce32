package io.switchboard.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run measures and how its simulated agents behave.
 *
 * @param warmUpMs calls arriving before this are routed but not counted (let the queue reach steady state)
 * @param horizonMs calls arriving from here on are not generated; the run goes on until the calls in hand end
 * @param serviceLevel the service level threshold T (answered within T)
 * @param ringDelay how long an agent takes to answer an offer
 * @param reservationTimeout how long the engine holds an offer
 */
record SimulationSettings(
    long warmUpMs,
    long horizonMs,
    Duration serviceLevel,
    Duration ringDelay,
    Duration reservationTimeout) {

  SimulationSettings {
    Objects.requireNonNull(serviceLevel, "serviceLevel");
    Objects.requireNonNull(ringDelay, "ringDelay");
    Objects.requireNonNull(reservationTimeout, "reservationTimeout");
    if (warmUpMs < 0 || horizonMs <= warmUpMs) {
      throw new IllegalArgumentException("Need 0 <= warm-up < horizon, got " + warmUpMs + " and " + horizonMs);
    }
  }
}
