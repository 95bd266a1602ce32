package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A recorded day, extracted and run through the real topology. */
class ReplaySimulationTest {

  private static final String QUEUE = "sales";
  private final RecordedDay day = new RecordedDay("acme");

  @Test
  void replayingAFirstComeFirstServedDayWithTheSameAgentsReproducesItsWaits() {
    // given: a day of 2 agents that answered in arrival order the moment they were free (no ring time)
    day.signedIn("a1", List.of(QUEUE), Map.of(), 0).signedIn("a2", List.of(QUEUE), Map.of(), 0);
    SplittableRandom random = new SplittableRandom(11);
    List<CallArrival> callers = new ArrayList<>();
    double at = 1_000;
    for (int i = 0; i < 120; i++) {
      at += Distribution.exponential(70).sample(random) * 1000;
      long handleMs = Math.max(1, Math.round(Distribution.exponential(120).sample(random) * 1000));
      callers.add(new CallArrival(String.format("c%03d", i), QUEUE, Math.round(at), handleMs, Long.MAX_VALUE,
          Map.of(), List.of()));
    }
    Map<String, Long> waits = FifoMultiServer.waits(2, callers);
    for (CallArrival caller : callers) {
      long answeredMs = caller.atMs() + waits.get(caller.callId());
      day.queued(caller.callId(), QUEUE, 0);
      relocate(caller.callId(), caller.atMs());
      day.call(caller.callId(), 0, new CallAnswered("a1", "r"));
      relocate(caller.callId(), answeredMs);
      day.call(caller.callId(), 0, new CallEnded(CallOutcome.ENDED, null, null));
      relocate(caller.callId(), answeredMs + caller.handleMs());
    }
    ReplayWorkload workload = day.recording().extract(RecordedDay.MORNING, null);
    SimulationSettings settings = settings(workload);

    // when
    QueueReport recorded = RecordedFigures.reports(workload, settings).get(0);
    QueueReport simulated = WhatIf.of(workload.queues(), workload.shifts(), workload.arrivals(), settings)
        .compare(List.of("LONGEST_IDLE"), note -> { }).get(0);

    // then
    assertThat(recorded.offered()).isEqualTo(120);
    assertThat(recorded.averageSpeedOfAnswer()).as("a loaded day: callers waited").isGreaterThan(10);
    assertThat(simulated.offered()).isEqualTo(recorded.offered());
    assertThat(simulated.answered()).isEqualTo(recorded.answered());
    assertThat(simulated.averageSpeedOfAnswer()).isCloseTo(recorded.averageSpeedOfAnswer(), within(1e-9));
    assertThat(simulated.serviceLevel()).isCloseTo(recorded.serviceLevel(), within(1e-9));
    assertThat(simulated.averageHandleTime()).isCloseTo(recorded.averageHandleTime(), within(1e-9));
  }

  @Test
  void everyReplayedCallReachesAnOutcomeUnderEveryStrategy() {
    // given: abandons, a call still talking at the end, an agent on a break, one joining late
    day.signedIn("a1", List.of(QUEUE), Map.of(), 0).signedIn("a2", List.of(QUEUE, "vip"), Map.of("english", 5), 600);
    day.status("a1", AgentStatus.BREAK, 900).status("a1", AgentStatus.AVAILABLE, 1200);
    for (int i = 0; i < 30; i++) {
      String callId = "c" + i;
      long queued = 30 + i * 100L;
      day.queued(callId, i % 5 == 0 ? "vip" : QUEUE, queued);
      if (i % 4 == 3) {
        day.ended(callId, CallOutcome.ABANDONED, queued + 45);
      } else if (i == 29) {
        day.answered(callId, "a1", queued + 10);
      } else {
        day.answered(callId, "a1", queued + 20).ended(callId, CallOutcome.ENDED, queued + 20 + 60 + i * 7L);
      }
    }
    ReplayWorkload workload = day.recording().extract(RecordedDay.MORNING, RecordedDay.at(3000));
    SimulationSettings settings = settings(workload);
    List<String> callIds = workload.arrivals().stream().map(CallArrival::callId).sorted().collect(Collectors.toList());

    for (String strategy : List.of("LONGEST_IDLE", "FEWEST_CALLS")) {
      // when
      List<FinishedCall> finished = new ArrayList<>();
      List<QueueReport> reports;
      try (RoutingDriver routing = new RoutingDriver(settings.reservationTimeout(), WhatIf.epoch())) {
        reports = WhatIf.of(workload.queues(), workload.shifts(), workload.arrivals(), settings)
            .run(routing, strategy, finished::add);
      }

      // then
      assertThat(finished).extracting(FinishedCall::callId).as(strategy).containsExactlyInAnyOrderElementsOf(callIds);
      assertThat(reports).as(strategy).allSatisfy(report -> assertThat(report.answered() + report.abandoned()
          + report.rejected() + report.unresolved()).isEqualTo(report.offered()));
      QueueReport all = reports.get(reports.size() - 1);
      assertThat(all.queue()).isEqualTo(Tally.ALL_QUEUES);
      assertThat(all.offered()).isEqualTo(callIds.size());
      assertThat(all.occupancy()).isBetween(0.0, 1.0);
    }
    // c28 and c29 are still talking when the recording stops at 3000 s: kept, their handle time cut
    assertThat(callIds).hasSize(30);
    assertThat(workload.count(ReplayCount.HANDLE_TIME_CUT)).isEqualTo(2);
  }

  private static SimulationSettings settings(ReplayWorkload workload) {
    return new SimulationSettings(0, workload.horizonMs(), Duration.ofSeconds(20), Duration.ZERO,
        Duration.ofSeconds(15));
  }

  /** Moves the event just recorded for {@code callId} to {@code atMs} after the morning. */
  private void relocate(String callId, long atMs) {
    int last = day.calls.size() - 1;
    io.switchboard.schemas.avro.CallEvent event = day.calls.get(last);
    event.setOccurredAt(RecordedDay.MORNING.plusMillis(atMs));
    if (event.getPayload() instanceof CallQueued) {
      day.calls.get(last - 1).setOccurredAt(event.getOccurredAt()); // its CallCreated
    }
  }
}
