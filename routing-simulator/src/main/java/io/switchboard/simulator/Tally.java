package io.switchboard.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts calls that arrived in the measured window [warm-up, horizon) by their first queue, and
 * agents' staffed and busy time clipped to that window.
 */
final class Tally {

  static final String ALL_QUEUES = "(all)";

  private final long fromMs;
  private final long toMs;
  private final long serviceLevelMs;
  private final Map<String, QueueTally> queues = new LinkedHashMap<>();
  private final QueueTally all = new QueueTally(ALL_QUEUES);

  Tally(SimulationSettings settings, Collection<String> queueNames) {
    this.fromMs = settings.warmUpMs();
    this.toMs = settings.horizonMs();
    this.serviceLevelMs = settings.serviceLevel().toMillis();
    queueNames.forEach(this::queue);
  }

  void finished(FinishedCall call) {
    if (call.arrivedMs() >= fromMs && call.arrivedMs() < toMs) {
      queue(call.queue()).count(call, serviceLevelMs);
      all.count(call, serviceLevelMs);
    }
  }

  /** An agent's time on shift; it counts for every queue the agent serves, and once in the total. */
  void staffed(Collection<String> agentQueues, long startMs, long endMs) {
    long ms = clipped(startMs, endMs);
    agentQueues.forEach(name -> queue(name).staffed(ms));
    all.staffed(ms);
  }

  void busy(String queue, long startMs, long endMs) {
    long ms = clipped(startMs, endMs);
    queue(queue).busy(ms);
    all.busy(ms);
  }

  /** One row per queue, then the total when there is more than one queue. */
  List<QueueReport> reports(String strategy) {
    List<QueueReport> reports = new ArrayList<>();
    queues.values().forEach(tally -> reports.add(tally.report(strategy)));
    if (queues.size() > 1) {
      reports.add(all.report(strategy));
    }
    return reports;
  }

  private QueueTally queue(String name) {
    return queues.computeIfAbsent(name, QueueTally::new);
  }

  private long clipped(long startMs, long endMs) {
    return Math.max(0, Math.min(endMs, toMs) - Math.max(startMs, fromMs));
  }
}
