package io.switchboard.callstate.projection;

import io.switchboard.schemas.avro.QueueStats;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Maps {@code queue.stats} snapshots to rows of {@code queue_interval_stats} and
 * {@code queue_live_stats}, keeping per key only the latest snapshot of the batch (by
 * {@code occurredAt}; of two of the same instant, the one read last). The database applies the same
 * rule against the rows already stored.
 */
record QueueStatsRows(List<Interval> intervals, List<Live> live) {

  /** The interval counters of one snapshot. */
  record Interval(String tenantId, String queue, Instant intervalStart, int offered, int answered, int abandoned,
      int overflowed, int answeredWithinServiceLevel, int abandonedAfterServiceLevel, Long asaMs, Long ahtMs,
      Double serviceLevel, Double abandonmentRate, Instant snapshotAt, UUID eventId, String source) {}

  /** The real-time figures of one snapshot; {@code agentsByStatus} sorted by status. */
  record Live(String tenantId, String queue, int waiting, long longestWaitMs, SortedMap<String, Integer> agentsByStatus,
      int eligibleAgents, Instant intervalStart, Instant snapshotAt, UUID eventId, String source) {}

  static QueueStatsRows of(Collection<QueueStats> snapshots) {
    Map<List<Object>, Interval> intervals = new LinkedHashMap<>();
    Map<List<Object>, Live> live = new LinkedHashMap<>();
    for (QueueStats s : snapshots) {
      Interval interval = new Interval(s.getTenantId(), s.getQueue(), s.getIntervalStart(), s.getOffered(),
          s.getAnswered(), s.getAbandoned(), s.getOverflowed(), s.getAnsweredWithinServiceLevel(),
          s.getAbandonedAfterServiceLevel(), s.getAsaMs(), s.getAhtMs(), s.getServiceLevel(), s.getAbandonmentRate(),
          s.getOccurredAt(), s.getEventId(), s.getSource());
      intervals.merge(List.of(s.getTenantId(), s.getQueue(), s.getIntervalStart()), interval,
          (kept, next) -> next.snapshotAt().isBefore(kept.snapshotAt()) ? kept : next);
      Live current = new Live(s.getTenantId(), s.getQueue(), s.getWaiting(), s.getLongestWaitMs(),
          new TreeMap<>(s.getAgentsByStatus()), s.getEligibleAgents(), s.getIntervalStart(), s.getOccurredAt(),
          s.getEventId(), s.getSource());
      live.merge(List.of(s.getTenantId(), s.getQueue()), current,
          (kept, next) -> next.snapshotAt().isBefore(kept.snapshotAt()) ? kept : next);
    }
    return new QueueStatsRows(List.copyOf(intervals.values()), List.copyOf(live.values()));
  }
}
