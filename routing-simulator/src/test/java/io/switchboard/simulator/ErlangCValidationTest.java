package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.simulator.FinishedCall.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator against queueing theory, for M/M/c workloads (no abandonment, ring delay 0,
 * AHT 180 s, fixed seed). Three checks:
 *
 * <ol>
 *   <li>the real topology answers every call exactly when the reference FIFO M/M/c discipline
 *       would, to the millisecond: the engine adds no deviation of its own;
 *   <li>long runs (millions of calls) of that discipline land within 5 % of Erlang C for ASA and
 *       SL(20 s): the workload generator and {@link ErlangC} agree;
 *   <li>opt-in ({@code -Dsimulator.erlang.calls=N}): the simulator's own ASA and SL over N calls of
 *       the real topology within 5 % of Erlang C. Off by default because a sound 5 % estimate needs
 *       0.3–1.2 million calls per set (see docs/simulator.md), minutes of CPU in the test driver.
 * </ol>
 */
class ErlangCValidationTest {

  private static final Duration SERVICE_LEVEL = Duration.ofSeconds(20);
  private static final long SEED = 42;

  static Stream<Arguments> workloads() {
    return Stream.of(
        Arguments.of(5, 0.70, 2_000_000),
        Arguments.of(5, 0.85, 2_000_000),
        Arguments.of(20, 0.90, 4_000_000));
  }

  @ParameterizedTest(name = "M/M/{0} at occupancy {1}")
  @MethodSource("workloads")
  void topologyAnswersEveryCallWhenTheFifoMultiServerQueueWould(int agents, double occupancy) {
    // given
    MmcWorkload workload = new MmcWorkload(agents, occupancy, 180, 500, 5_000);
    SimulationSettings settings = workload.settings(SERVICE_LEVEL);
    List<CallArrival> arrivals = WorkloadGenerator.generate(workload.queues(), settings.horizonMs(), SEED);
    Map<String, Long> expected = FifoMultiServer.waits(agents, arrivals);

    // when
    List<FinishedCall> finished = new ArrayList<>();
    List<QueueReport> reports = run(workload, settings, arrivals, finished);

    // then
    assertThat(finished).hasSize(arrivals.size()).allMatch(call -> call.result() == Result.ANSWERED);
    Map<String, Long> waits = new HashMap<>();
    finished.forEach(call -> waits.put(call.callId(), call.waitMs()));
    assertThat(waits).isEqualTo(expected);
    assertThat(expected.values()).filteredOn(wait -> wait > 0).hasSizeGreaterThan(arrivals.size() / 5);
    assertThat(reports.get(0).occupancy()).isCloseTo(occupancy, within(0.05));
  }

  @ParameterizedTest(name = "M/M/{0} at occupancy {1}, {2} calls")
  @MethodSource("workloads")
  void longRunsOfThatDisciplineLandWithinFivePercentOfErlangC(int agents, double occupancy, int calls) {
    // given
    MmcWorkload workload = new MmcWorkload(agents, occupancy, 180, 20_000, calls);

    // when
    double[] asaAndServiceLevel = FifoMultiServer.longRun(workload, SERVICE_LEVEL.toMillis(), SEED);

    // then
    ErlangC theory = workload.theory();
    assertThat(asaAndServiceLevel[0]).isCloseTo(theory.averageSpeedOfAnswer(),
        within(0.05 * theory.averageSpeedOfAnswer()));
    assertThat(asaAndServiceLevel[1]).isCloseTo(theory.serviceLevel(SERVICE_LEVEL.toSeconds()),
        within(0.05 * theory.serviceLevel(SERVICE_LEVEL.toSeconds())));
  }

  @ParameterizedTest(name = "M/M/{0} at occupancy {1}")
  @MethodSource("workloads")
  @EnabledIfSystemProperty(named = "simulator.erlang.calls", matches = "\\d+")
  void simulatedAsaAndServiceLevelLandWithinFivePercentOfErlangC(int agents, double occupancy) {
    // given
    int calls = Integer.parseInt(System.getProperty("simulator.erlang.calls"));
    MmcWorkload workload = new MmcWorkload(agents, occupancy, 180, 5_000, calls);
    SimulationSettings settings = workload.settings(SERVICE_LEVEL);

    // when
    QueueReport report = run(workload, settings,
        WorkloadGenerator.generate(workload.queues(), settings.horizonMs(), SEED), new ArrayList<>()).get(0);

    // then
    ErlangC theory = workload.theory();
    assertThat(report.averageSpeedOfAnswer()).isCloseTo(theory.averageSpeedOfAnswer(),
        within(0.05 * theory.averageSpeedOfAnswer()));
    assertThat(report.serviceLevel()).isCloseTo(theory.serviceLevel(SERVICE_LEVEL.toSeconds()),
        within(0.05 * theory.serviceLevel(SERVICE_LEVEL.toSeconds())));
  }

  private static List<QueueReport> run(MmcWorkload workload, SimulationSettings settings,
      List<CallArrival> arrivals, List<FinishedCall> finished) {
    WhatIf whatIf = new WhatIf(workload.queues(), workload.shifts(), arrivals, settings);
    try (RoutingDriver routing = new RoutingDriver(settings.reservationTimeout(), WhatIf.epoch())) {
      return whatIf.run(routing, WhatIf.BUILT_IN, finished::add);
    }
  }
}
