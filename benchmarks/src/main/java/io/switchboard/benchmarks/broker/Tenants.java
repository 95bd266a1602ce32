package io.switchboard.benchmarks.broker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/** Tenant ids chosen to spread evenly over the partitions routing re-keys them to. */
final class Tenants {

  private Tenants() {}

  /**
   * {@code count} ids, at most ⌈count/partitions⌉ per partition, by the default partitioner's hash
   * of the key (what the tenant repartition topics use): a hash that put most tenants on one task
   * would measure one core's worth of routing.
   */
  static List<String> spread(int count, int partitions) {
    int perPartition = (count + partitions - 1) / partitions;
    int[] used = new int[partitions];
    List<String> tenants = new ArrayList<>();
    for (int i = 0; tenants.size() < count; i++) {
      String tenant = "tenant-" + i;
      int partition = Utils.toPositive(Utils.murmur2(tenant.getBytes(StandardCharsets.UTF_8))) % partitions;
      if (used[partition] < perPartition) {
        used[partition]++;
        tenants.add(tenant);
      }
    }
    return List.copyOf(tenants);
  }
}
