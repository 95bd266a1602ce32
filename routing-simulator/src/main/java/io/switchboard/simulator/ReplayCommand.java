package io.switchboard.simulator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;

/**
 * The what-if command over a recording: reads it, extracts the workload, says what it left out,
 * then prints what really happened ("recorded") above what each strategy would have done.
 */
final class ReplayCommand {

  /** Where the recording comes from; the command line's is a Kafka cluster. */
  interface RecordingSource {
    Recording read(ReplayOptions options);
  }

  static final RecordingSource KAFKA = options -> {
    Recording recording = new Recording(options.tenant());
    new KafkaRecordingReader(options.bootstrapServers()).readInto(recording);
    return recording;
  };

  private ReplayCommand() {}

  /** Exit code 0 on success, 1 when the recording cannot be read or used, 2 on a bad option. */
  static int run(CliOptions options, RecordingSource source, PrintStream out, PrintStream err) {
    ReplayOptions replay = options.replay();
    List<String> strategies;
    try {
      strategies = options.strategies();
      options.settings(Long.MAX_VALUE); // the other options, checked before the reading
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    ReplayWorkload workload;
    try {
      workload = source.read(replay).extract(replay.from(), replay.to());
    } catch (KafkaException | IllegalStateException e) {
      err.println("Cannot replay tenant " + replay.tenant() + " from " + replay.bootstrapServers() + ": "
          + e.getMessage());
      return 1;
    }
    SimulationSettings settings;
    try {
      settings = options.settings(workload.horizonMs());
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    describe(workload, out);
    List<QueueReport> reports = new ArrayList<>(RecordedFigures.reports(workload, settings));
    reports.addAll(WhatIf.of(workload.queues(), workload.shifts(), workload.arrivals(), settings)
        .compare(strategies, out::println));
    out.print(ReportTable.format(reports, settings.serviceLevel().toSeconds()));
    return 0;
  }

  private static void describe(ReplayWorkload workload, PrintStream out) {
    long agents = workload.shifts().stream().map(AgentShift::agentId).distinct().count();
    out.printf("Replaying %s to %s: %d calls, %d agents in %d shifts%n", workload.start(),
        workload.start().plusMillis(workload.horizonMs()), workload.arrivals().size(), agents,
        workload.shifts().size());
    for (Map.Entry<ReplayCount, Long> count : new java.util.TreeMap<>(workload.counts()).entrySet()) {
      out.printf("  %d %s%n", count.getValue(), count.getKey().description());
    }
  }
}
