package io.switchboard.gateway.queue;

import io.switchboard.gateway.events.CompactedTopicReader;
import io.switchboard.schemas.avro.QueueConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * This instance's copy of {@code queue.config}, by tenant then queue name. Written by the reader's
 * thread, read by requests; it is only as fresh as the reader, so a GET right after a PUT may
 * briefly see the previous version.
 */
final class QueueConfigs extends CompactedTopicReader.Table<QueueConfig> {

  private final ConcurrentMap<String, ConcurrentSkipListMap<String, QueueConfig>> byTenant =
      new ConcurrentHashMap<>();

  /** Applies one record of the topic: a config replaces the queue's, a tombstone deletes it. */
  @Override
  public void apply(String tenantId, String queue, QueueConfig config) {
    if (config == null) {
      byTenant.computeIfPresent(tenantId, (tenant, queues) -> {
        queues.remove(queue);
        return queues.isEmpty() ? null : queues;
      });
    } else {
      byTenant.computeIfAbsent(tenantId, tenant -> new ConcurrentSkipListMap<>()).put(queue, config);
    }
  }

  Optional<QueueConfig> find(String tenantId, String queue) {
    Map<String, QueueConfig> queues = byTenant.get(tenantId);
    return queues == null ? Optional.empty() : Optional.ofNullable(queues.get(queue));
  }

  /** The tenant's queues, by name. */
  List<QueueConfig> all(String tenantId) {
    Map<String, QueueConfig> queues = byTenant.get(tenantId);
    return queues == null ? List.of() : List.copyOf(queues.values());
  }
}
