package io.switchboard.routing.store;

import io.switchboard.schemas.topics.Topic;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The building blocks the routing and statistics topologies share: tenant re-keying and stores. */
public final class TenantStreams {

  private TenantStreams() {}

  /**
   * Reads {@code topic} (source node {@code sourceName}), drops tombstones and re-keys each event by
   * its tenant through the repartition topic {@code <application id>-<name>-repartition}, so that one
   * task owns all of a tenant's events. The name must not change once deployed.
   */
  public static <V extends SpecificRecord> KStream<String, V> byTenant(StreamsBuilder builder, Topic<V> topic,
      String sourceName, String name, Function<V, String> tenant, int partitions) {
    return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(sourceName))
        .filter((key, event) -> event != null, Named.as(name + "-present"))
        .selectKey((key, event) -> tenant.apply(event), Named.as(name + "-key"))
        .repartition(Repartitioned.<String, V>as(name)
            .withKeySerde(Serdes.String())
            .withValueSerde(topic.valueSerde())
            .withNumberOfPartitions(partitions));
  }

  /**
   * A key-value store with string keys, changelogged so that a task moved to another instance
   * resumes with the same state; in memory for tests that do no disk I/O, else RocksDB.
   */
  public static <V> StoreBuilder<?> changelogged(String name, Serde<V> valueSerde, boolean inMemory) {
    KeyValueBytesStoreSupplier supplier = inMemory
        ? Stores.inMemoryKeyValueStore(name)
        : Stores.persistentKeyValueStore(name);
    return Stores.keyValueStoreBuilder(supplier, Serdes.String(), valueSerde).withLoggingEnabled(Map.of())
        .withCachingEnabled();
  }
}
