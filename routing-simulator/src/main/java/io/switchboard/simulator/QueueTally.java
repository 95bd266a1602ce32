package io.switchboard.simulator;

/** Running counts of one queue (or of all queues together) within the measured window. */
final class QueueTally {

  private final String queue;
  private long offered;
  private long answered;
  private long abandoned;
  private long rejected;
  private long unresolved;
  private long answeredWithinServiceLevel;
  private long waitMs;
  private long handleMs;
  private long staffedMs;
  private long busyMs;

  QueueTally(String queue) {
    this.queue = queue;
  }

  void count(FinishedCall call, long serviceLevelMs) {
    offered++;
    switch (call.result()) {
      case ANSWERED -> {
        answered++;
        waitMs += call.waitMs();
        handleMs += call.endedMs() - call.answeredMs();
        if (call.waitMs() <= serviceLevelMs) {
          answeredWithinServiceLevel++;
        }
      }
      case ABANDONED -> abandoned++;
      case REJECTED -> rejected++;
      default -> unresolved++;
    }
  }

  void staffed(long ms) {
    staffedMs += ms;
  }

  void busy(long ms) {
    busyMs += ms;
  }

  QueueReport report(String strategy) {
    return new QueueReport(queue, strategy, offered, answered, abandoned, rejected, unresolved,
        ratio(answeredWithinServiceLevel, answered + abandoned),
        ratio(waitMs, answered) / 1000.0,
        ratio(handleMs, answered) / 1000.0,
        ratio(abandoned, offered),
        ratio(busyMs, staffedMs));
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }
}
