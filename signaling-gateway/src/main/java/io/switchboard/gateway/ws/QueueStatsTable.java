package io.switchboard.gateway.ws;

import io.switchboard.gateway.events.CompactedTopicReader;
import io.switchboard.schemas.avro.QueueStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's copy of {@code queue.stats}: the latest snapshot of each queue, by tenant then
 * queue name, and the latest average handle time seen for each queue (a new quarter hour starts
 * without one). Written by the reader's thread, which then tells the listeners; read by sessions.
 */
final class QueueStatsTable extends CompactedTopicReader.Table<QueueStats> {

  private static final Logger log = LoggerFactory.getLogger(QueueStatsTable.class);

  /** The average handle time of a queue's latest interval that had one. */
  record HandleTime(long ahtMs, Instant intervalStart) {}

  private record QueueKey(String tenantId, String queue) {}

  private final ConcurrentMap<String, ConcurrentSkipListMap<String, QueueStats>> byTenant = new ConcurrentHashMap<>();
  private final ConcurrentMap<QueueKey, HandleTime> handleTimes = new ConcurrentHashMap<>();
  private final List<Consumer<QueueStats>> listeners = new CopyOnWriteArrayList<>();

  /** {@code listener} hears each snapshot applied, on the reader's thread; it must not block. */
  void listen(Consumer<QueueStats> listener) {
    listeners.add(listener);
  }

  @Override
  public void apply(String tenantId, String queue, QueueStats stats) {
    if (stats == null) {
      byTenant.computeIfPresent(tenantId, (tenant, queues) -> {
        queues.remove(queue);
        return queues.isEmpty() ? null : queues;
      });
      handleTimes.remove(new QueueKey(tenantId, queue));
      return;
    }
    if (!tenantId.equals(stats.getTenantId()) || !queue.equals(stats.getQueue())) {
      // A snapshot is pushed to its tenant's sessions: one whose key and value disagree is not trusted.
      log.warn("Skipped a queue.stats record of {}/{} under the key {}/{}", stats.getTenantId(), stats.getQueue(),
          tenantId, queue);
      return;
    }
    byTenant.computeIfAbsent(tenantId, tenant -> new ConcurrentSkipListMap<>()).merge(queue, stats,
        (current, next) -> next.getOccurredAt().isBefore(current.getOccurredAt()) ? current : next);
    if (stats.getAhtMs() != null) {
      handleTimes.merge(new QueueKey(tenantId, queue), new HandleTime(stats.getAhtMs(), stats.getIntervalStart()),
          (current, next) -> next.intervalStart().isBefore(current.intervalStart()) ? current : next);
    }
    listeners.forEach(listener -> listener.accept(stats));
  }

  Optional<QueueStats> find(String tenantId, String queue) {
    Map<String, QueueStats> queues = byTenant.get(tenantId);
    return queues == null ? Optional.empty() : Optional.ofNullable(queues.get(queue));
  }

  /** The tenant's latest snapshots, by queue name. */
  List<QueueStats> all(String tenantId) {
    Map<String, QueueStats> queues = byTenant.get(tenantId);
    return queues == null ? List.of() : List.copyOf(queues.values());
  }

  Optional<HandleTime> handleTime(String tenantId, String queue) {
    return Optional.ofNullable(handleTimes.get(new QueueKey(tenantId, queue)));
  }
}
