package io.switchboard.gateway.ws;

import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.QueueStats;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data of a {@code queue:stats} frame: a {@code QueueStats} snapshot under the names of the
 * routing service's {@code GET /api/v1/queues/{name}/stats} (docs/queue-stats.md), so that a page
 * draws the push and the REST answer alike, plus when the snapshot was taken and the server's clock.
 */
final class QueueStatsFrame {

  static final String TYPE = "queue:stats";

  private QueueStatsFrame() {}

  /**
   * {@code serverNow}: this instance's clock as the frame leaves, so that a client can run the
   * longest wait on from {@code updatedAt} whatever its own clock says.
   */
  static Map<String, Object> data(QueueStats stats, Instant serverNow) {
    Map<String, Integer> agents = new LinkedHashMap<>();
    for (AgentStatus status : AgentStatus.values()) {
      agents.put(status.name(), 0);
    }
    // Statuses routing may add later are kept, after the known ones.
    stats.getAgentsByStatus().forEach((status, count) -> agents.put(status, count));
    return Frames.data(
        "queue", stats.getQueue(),
        "waiting", stats.getWaiting(),
        "longestWaitMs", stats.getLongestWaitMs(),
        "agentsByStatus", agents,
        "eligibleAgents", stats.getEligibleAgents(),
        "intervalStart", stats.getIntervalStart().toString(),
        "offered", stats.getOffered(),
        "answered", stats.getAnswered(),
        "abandoned", stats.getAbandoned(),
        "overflowed", stats.getOverflowed(),
        "answeredWithinServiceLevel", stats.getAnsweredWithinServiceLevel(),
        "abandonedAfterServiceLevel", stats.getAbandonedAfterServiceLevel(),
        "serviceLevel", stats.getServiceLevel(),
        "asaMs", stats.getAsaMs(),
        "ahtMs", stats.getAhtMs(),
        "abandonmentRate", stats.getAbandonmentRate(),
        "updatedAt", stats.getOccurredAt().toString(),
        "serverNow", serverNow.toString());
  }
}
