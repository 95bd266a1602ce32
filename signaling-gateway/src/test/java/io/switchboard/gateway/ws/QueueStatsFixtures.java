package io.switchboard.gateway.ws;

import io.switchboard.schemas.avro.QueueStats;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** QueueStats snapshots as routing writes them, with the figures a test cares about. */
final class QueueStatsFixtures {

  private QueueStatsFixtures() {}

  static QueueStats.Builder snapshot(String tenant, String queue, Instant at) {
    return QueueStats.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(tenant)
        .setOccurredAt(at)
        .setSource("routing-test")
        .setQueue(queue)
        .setWaiting(0)
        .setLongestWaitMs(0)
        .setAgentsByStatus(Map.of())
        .setIntervalStart(Instant.ofEpochSecond(at.getEpochSecond() / 900 * 900));
  }

  static QueueStats waiting(String tenant, String queue, Instant at, int waiting) {
    return snapshot(tenant, queue, at).setWaiting(waiting).build();
  }
}
