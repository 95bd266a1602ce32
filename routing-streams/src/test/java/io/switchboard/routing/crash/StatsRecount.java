package io.switchboard.routing.crash;

import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingAbandoned;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingQueued;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recounts, from the committed decisions, the interval counters the statistics publish on
 * {@code queue.stats}: per queue, the calls that entered ({@code RoutingQueued}; each call enters
 * once in this run), were answered ({@code ReservationAccepted}) or abandoned
 * ({@code RoutingAbandoned}) in the 15-minute interval of the queue's latest snapshot, each counted
 * by its own {@code occurredAt}. After the run has drained, the latest snapshot must equal the
 * recount exactly, and show nobody waiting.
 */
final class StatsRecount {

  private static final long INTERVAL_MS = Duration.ofMinutes(15).toMillis();

  private StatsRecount() {}

  /** Mismatches between each queue's latest snapshot and the recount; also queues with no snapshot. */
  static List<String> mismatches(List<RoutingDecision> decisions, Map<String, QueueStats> latestByQueue) {
    Set<String> queues = new LinkedHashSet<>();
    // A refused forced assignment of a call routing does not know names no queue.
    decisions.stream().filter(d -> !d.getQueue().isEmpty()).forEach(d -> queues.add(key(d.getTenantId(), d.getQueue())));
    List<String> mismatches = new ArrayList<>();
    for (String queue : queues) {
      QueueStats stats = latestByQueue.get(queue);
      if (stats == null) {
        mismatches.add(queue + ": no queue.stats record");
        continue;
      }
      long from = stats.getIntervalStart().toEpochMilli();
      int offered = 0;
      int answered = 0;
      int abandoned = 0;
      for (RoutingDecision d : decisions) {
        long at = d.getOccurredAt().toEpochMilli();
        if (!key(d.getTenantId(), d.getQueue()).equals(queue) || at < from || at >= from + INTERVAL_MS) {
          continue;
        }
        Object payload = d.getPayload();
        offered += payload instanceof RoutingQueued ? 1 : 0;
        answered += payload instanceof ReservationAccepted ? 1 : 0;
        abandoned += payload instanceof RoutingAbandoned ? 1 : 0;
      }
      if (stats.getOffered() != offered || stats.getAnswered() != answered || stats.getAbandoned() != abandoned
          || stats.getWaiting() != 0) {
        mismatches.add(queue + " from " + stats.getIntervalStart() + ": queue.stats says offered/answered/abandoned/waiting "
            + stats.getOffered() + "/" + stats.getAnswered() + "/" + stats.getAbandoned() + "/" + stats.getWaiting()
            + ", the decisions say " + offered + "/" + answered + "/" + abandoned + "/0");
      }
    }
    return mismatches;
  }

  static String key(String tenant, String queue) {
    return tenant + "/" + queue;
  }
}
