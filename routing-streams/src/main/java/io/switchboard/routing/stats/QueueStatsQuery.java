package io.switchboard.routing.stats;

import io.switchboard.routing.streams.RunningStreams;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Interactive queries of the statistics stores. The stores are partitioned by tenant (the key of the
 * by-tenant repartition topics), so Kafka Streams' metadata for the tenant names the one instance
 * that holds all of its queues; this instance answers only for the tenants it owns.
 */
@Component
final class QueueStatsQuery implements QueueStatsLookup {

  private static final StringSerializer TENANTS = new StringSerializer();

  private final RunningStreams running;
  private final Optional<HostInfo> self;
  private final Clock clock;

  @Autowired
  QueueStatsQuery(RunningStreams running, QueryProperties properties) {
    this(running, properties, Clock.systemUTC());
  }

  QueueStatsQuery(RunningStreams running, QueryProperties properties, Clock clock) {
    this.running = running;
    this.self = properties.self();
    this.clock = clock;
  }

  @Override
  public Result find(String tenant, String queue) {
    KafkaStreams streams = running.kafkaStreams().orElse(null);
    if (streams == null || !(streams.state() == KafkaStreams.State.RUNNING
        || streams.state() == KafkaStreams.State.REBALANCING)) {
      return Result.unavailable("The routing engine is not running");
    }
    Integer partition = null;
    if (self.isPresent()) {
      KeyQueryMetadata owner = streams.queryMetadataForKey(QueueStatsTopology.QUEUES_STORE, tenant, TENANTS);
      if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
        return Result.unavailable("The statistics of tenant " + tenant + " are moving between instances; retry");
      }
      if (!owner.activeHost().equals(self.get())) {
        return Result.otherInstance(owner.activeHost().host() + ":" + owner.activeHost().port(), tenant);
      }
      partition = owner.partition();
    }
    try {
      QueueSnapshots snapshots = new QueueSnapshots(
          store(streams, QueueStatsTopology.QUEUES_STORE, partition),
          store(streams, QueueStatsTopology.INTERVALS_STORE, partition),
          store(streams, QueueStatsTopology.WAITING_STORE, partition));
      return snapshots.snapshot(tenant, queue, clock.millis())
          .map(Result::found)
          .orElseGet(() -> Result.unknownQueue(queue));
    } catch (InvalidStateStoreException e) {
      return Result.unavailable("The statistics of tenant " + tenant + " are not ready; retry (" + e.getMessage() + ")");
    }
  }

  private static <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams, String name, Integer partition) {
    StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters =
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
    return streams.store(partition == null ? parameters : parameters.withPartition(partition));
  }
}
