package io.switchboard.simulator;

import java.util.List;

/**
 * The figures of what really happened to the replayed calls, by the same definitions as the
 * simulated rows ({@link Tally}): the agents' recorded shifts as staffed time, answered to ended as
 * busy time.
 */
final class RecordedFigures {

  static final String LABEL = "recorded";

  private RecordedFigures() {}

  static List<QueueReport> reports(ReplayWorkload workload, SimulationSettings settings) {
    Tally tally = new Tally(settings, workload.queues());
    for (AgentShift shift : workload.shifts()) {
      tally.staffed(shift.queues(), shift.startMs(), shift.endMs());
    }
    for (FinishedCall call : workload.recorded()) {
      tally.finished(call);
      if (call.result() == FinishedCall.Result.ANSWERED) {
        tally.busy(call.queue(), call.answeredMs(), call.endedMs());
      }
    }
    return tally.reports(LABEL);
  }
}
