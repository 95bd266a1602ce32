package io.switchboard.routing.queue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions {@code queue.config} records, keyed {@code tenantId/queue}, by their tenant alone, exactly
 * as the default partitioner places a record keyed by the tenant: so a queue's configuration lands in
 * the task that routes its tenant's calls and agents, and the queue name survives in the key for
 * tombstones (a null value has no tenant to re-key by).
 */
final class TenantPartitioner<V> implements StreamPartitioner<String, V> {

  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
    String[] subject = split(key);
    String tenant = subject == null ? (key == null ? "" : key) : subject[0];
    byte[] bytes = tenant.getBytes(StandardCharsets.UTF_8);
    return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(bytes)) % numPartitions));
  }

  /** {@code [tenantId, queue]} of a {@code tenantId/queue} key (tenant ids hold no '/'), or null. */
  static String[] split(String key) {
    int slash = key == null ? -1 : key.indexOf('/');
    if (slash <= 0 || slash == key.length() - 1) {
      return null;
    }
    return new String[] {key.substring(0, slash), key.substring(slash + 1)};
  }
}
