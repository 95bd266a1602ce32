package io.switchboard.simulator;

import java.io.PrintStream;
import java.util.List;

/**
 * The what-if command: runs the routing topology over a generated or a replayed workload once per
 * strategy and prints a table per queue and strategy. The table is the program's output, so it goes to standard
 * output; logs go to standard error.
 */
public final class SimulatorMain {

  private SimulatorMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Exit code 0 on success, 1 when a recording cannot be replayed, 2 on a bad option. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, ReplayCommand.KAFKA, out, err);
  }

  static int run(String[] args, ReplayCommand.RecordingSource recordings, PrintStream out, PrintStream err) {
    if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
      out.println(CliOptions.USAGE);
      return 0;
    }
    CliOptions options;
    SimulationSettings settings;
    List<QueueWorkload> queues;
    List<AgentShift> agents;
    try {
      options = new CliOptions(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(CliOptions.USAGE);
      return 2;
    }
    if (options.replay() != null) {
      return ReplayCommand.run(options, recordings, out, err);
    }
    try {
      settings = options.settings();
      queues = options.queues();
      agents = options.agents();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(CliOptions.USAGE);
      return 2;
    }
    List<QueueReport> reports;
    try {
      reports = new WhatIf(queues, agents, settings, options.seed()).compare(options.strategies(), out::println);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    out.print(ReportTable.format(reports, settings.serviceLevel().toSeconds()));
    return 0;
  }
}
