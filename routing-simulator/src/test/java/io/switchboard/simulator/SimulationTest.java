package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.simulator.FinishedCall.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationTest {

  private static final String QUEUE = "sales";
  private final List<FinishedCall> finished = new ArrayList<>();

  @Test
  void callersWhoWaitLongerThanTheirPatienceAbandon() {
    // given one agent busy for 60 s with the first call
    List<CallArrival> calls = List.of(
        call(1, 0, 60_000, Long.MAX_VALUE),
        call(2, 1_000, 10_000, 5_000),
        call(3, 2_000, 10_000, 100_000));

    // when
    QueueReport report = run(settings(Duration.ZERO), calls, agent("a1", 0, Long.MAX_VALUE)).get(0);

    // then
    assertThat(finished).extracting(FinishedCall::callId, FinishedCall::result, FinishedCall::endedMs)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("call-1", Result.ANSWERED, 60_000L),
            org.assertj.core.groups.Tuple.tuple("call-2", Result.ABANDONED, 6_000L),
            org.assertj.core.groups.Tuple.tuple("call-3", Result.ANSWERED, 70_000L));
    assertThat(report.offered()).isEqualTo(3);
    assertThat(report.abandoned()).isEqualTo(1);
    assertThat(report.abandonmentRate()).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(report.serviceLevel()).as("only call-1 within 20 s, of 3 that reached an outcome")
        .isCloseTo(1 / 3.0, within(1e-9));
    assertThat(report.averageSpeedOfAnswer()).isCloseTo((0 + 58) / 2.0, within(1e-9));
  }

  @Test
  void ringDelayCountsInTheSpeedOfAnswer() {
    // given agents who take 10 s to pick up, within the 15 s the engine holds an offer
    List<CallArrival> calls = List.of(call(1, 1_000, 30_000, Long.MAX_VALUE));

    // when
    QueueReport report = run(settings(Duration.ofSeconds(10)), calls, agent("a1", 0, Long.MAX_VALUE)).get(0);

    // then
    assertThat(finished).singleElement().satisfies(call -> {
      assertThat(call.answeredMs()).isEqualTo(11_000);
      assertThat(call.endedMs()).isEqualTo(41_000);
    });
    assertThat(report.averageSpeedOfAnswer()).isEqualTo(10.0);
  }

  @Test
  void offersExpireOnTheEngineClockWhenAgentsAnswerTooLate() {
    // given agents who take 20 s to pick up while the engine holds an offer 15 s
    List<CallArrival> calls = List.of(call(1, 1_000, 30_000, 60_000));

    // when
    run(settings(Duration.ofSeconds(20)), calls, agent("a1", 0, Long.MAX_VALUE), agent("a2", 0, Long.MAX_VALUE));

    // then: every offer timed out before its answer, so the caller gave up
    assertThat(finished).singleElement().satisfies(call -> {
      assertThat(call.result()).isEqualTo(Result.ABANDONED);
      assertThat(call.endedMs()).isEqualTo(61_000);
    });
  }

  @Test
  void agentsSignOutAfterTheirLastCallOnceTheShiftIsOver() {
    // given a shift of 0-60 s, a call answered at 30 s that lasts 60 s, and a call after the shift
    List<CallArrival> calls = List.of(call(1, 30_000, 60_000, Long.MAX_VALUE), call(2, 70_000, 10_000,
        Long.MAX_VALUE));

    // when
    QueueReport report = run(settings(Duration.ZERO), calls, agent("a1", 0, 60_000)).get(0);

    // then: staffed 0-90 s, busy 30-90 s; nobody left for the second call
    assertThat(finished).extracting(FinishedCall::result).containsExactlyInAnyOrder(Result.ANSWERED,
        Result.UNRESOLVED);
    assertThat(report.unresolved()).isEqualTo(1);
    assertThat(report.occupancy()).isCloseTo(60 / 90.0, within(1e-9));
  }

  @Test
  void theSameSeedGivesTheSameFiguresAndAnotherSeedOthers() {
    // given
    List<QueueWorkload> queues = List.of(new QueueWorkload(QUEUE, 120, Distribution.logNormal(120, 60),
        Distribution.exponential(90), Map.of("vip=true", 0.2), Map.of("urgent", 0.1)));
    List<AgentShift> agents = List.of(agent("a1", 0, Long.MAX_VALUE), agent("a2", 0, Long.MAX_VALUE));
    SimulationSettings settings = new SimulationSettings(0, 3_600_000, Duration.ofSeconds(20), Duration.ZERO,
        Duration.ofSeconds(15));

    // when
    List<QueueReport> first = new WhatIf(queues, agents, settings, 7).compare(List.of(WhatIf.BUILT_IN), n -> { });
    List<QueueReport> again = new WhatIf(queues, agents, settings, 7).compare(List.of(WhatIf.BUILT_IN), n -> { });
    List<QueueReport> other = new WhatIf(queues, agents, settings, 8).compare(List.of(WhatIf.BUILT_IN), n -> { });

    // then
    assertThat(first).isEqualTo(again);
    assertThat(first.get(0).offered()).isGreaterThan(80);
    assertThat(first.get(0).abandoned()).isPositive();
    assertThat(other).isNotEqualTo(first);
  }

  private List<QueueReport> run(SimulationSettings settings, List<CallArrival> calls, AgentShift... agents) {
    WhatIf whatIf = new WhatIf(List.of(QueueWorkload.poisson(QUEUE, 1, Distribution.exponential(1))),
        List.of(agents), calls, settings);
    try (RoutingDriver routing = new RoutingDriver(settings.reservationTimeout(), WhatIf.epoch())) {
      return whatIf.run(routing, WhatIf.BUILT_IN, finished::add);
    }
  }

  private static SimulationSettings settings(Duration ringDelay) {
    return new SimulationSettings(0, 100_000, Duration.ofSeconds(20), ringDelay, Duration.ofSeconds(15));
  }

  private static CallArrival call(int number, long atMs, long handleMs, long patienceMs) {
    return new CallArrival("call-" + number, QUEUE, atMs, handleMs, patienceMs, Map.of(), List.of());
  }

  private static AgentShift agent(String agentId, long startMs, long endMs) {
    return new AgentShift(agentId, List.of(QUEUE), 1, startMs, endMs);
  }
}
