package io.switchboard.routing.stats;

import io.switchboard.schemas.avro.QueueStats;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A queue's statistics at one moment: the real-time part, and the counters of the queue's latest
 * 15-minute interval. The JSON of {@code GET /api/v1/queues/{queue}/stats} and the body of a
 * {@code queue.stats} record.
 *
 * @param asOf when the snapshot was taken (ISO-8601 UTC); {@code longestWaitMs} runs to this moment
 * @param eligibleAgents signed-in agents serving the queue, whatever their status
 * @param intervalStart start of the latest interval in which the queue had an event (ISO-8601 UTC)
 * @param serviceLevel answered within the threshold / (answered + abandoned after the threshold)
 * @param abandonmentRate abandoned / offered
 */
public record QueueSnapshot(
    String tenantId, String queue, String asOf,
    int waiting, long longestWaitMs, Map<String, Integer> agentsByStatus, int eligibleAgents,
    String intervalStart, int offered, int answered, int abandoned, int overflowed,
    int answeredWithinServiceLevel, int abandonedAfterServiceLevel,
    Long asaMs, Long ahtMs, Double serviceLevel, Double abandonmentRate) {

  static QueueSnapshot of(String tenant, String queue, QueueState state, IntervalCounts counts,
      Long oldestWaitingSince, long now) {
    IntervalCounts interval = counts != null ? counts : new IntervalCounts();
    long longestWait = oldestWaitingSince == null ? 0 : Math.max(0, now - oldestWaitingSince);
    long intervalStart = state.latestInterval >= 0 ? state.latestInterval : QueueIntervals.startOf(now);
    return new QueueSnapshot(tenant, queue, Instant.ofEpochMilli(now).toString(),
        state.waiting, longestWait, state.agentsByStatus(), state.eligibleAgents(),
        Instant.ofEpochMilli(intervalStart).toString(), interval.offered, interval.answered, interval.abandoned,
        interval.overflowed, interval.answeredWithinServiceLevel, interval.abandonedAfterServiceLevel,
        interval.asaMs(), interval.ahtMs(), interval.serviceLevel(), interval.abandonmentRate());
  }

  QueueStats toAvro(String source) {
    return QueueStats.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(tenantId)
        .setOccurredAt(Instant.parse(asOf))
        .setSource(source)
        .setQueue(queue)
        .setWaiting(waiting)
        .setLongestWaitMs(longestWaitMs)
        .setAgentsByStatus(Map.copyOf(agentsByStatus))
        .setIntervalStart(Instant.parse(intervalStart))
        .setOffered(offered)
        .setAnswered(answered)
        .setAbandoned(abandoned)
        .setOverflowed(overflowed)
        .setAnsweredWithinServiceLevel(answeredWithinServiceLevel)
        .setAbandonedAfterServiceLevel(abandonedAfterServiceLevel)
        .setEligibleAgents(eligibleAgents)
        .setAsaMs(asaMs)
        .setAhtMs(ahtMs)
        .setServiceLevel(serviceLevel)
        .setAbandonmentRate(abandonmentRate)
        .build();
  }
}
