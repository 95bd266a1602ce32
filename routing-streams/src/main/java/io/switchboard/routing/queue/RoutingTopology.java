package io.switchboard.routing.queue;

import io.switchboard.routing.stats.QueueStatsSettings;
import io.switchboard.routing.stats.QueueStatsTopology;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.topics.Topic;
import io.switchboard.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The routing topology: call and agent events are re-keyed by tenant, and queue configurations are
 * partitioned by tenant, so that one task owns all of a tenant's routing; then three processors
 * sharing the routing stores turn them into decisions on {@code routing.decisions}, keyed by call id.
 */
public final class RoutingTopology {

  /** Topics the topology reads or writes; they must exist before it starts. */
  public static final List<Topic<?>> TOPICS =
      List.of(Topics.CALL_EVENTS, Topics.AGENT_EVENTS, Topics.QUEUE_CONFIG, Topics.ROUTING_DECISIONS);

  /** Internal topic names are {@code <application id>-<name>-repartition}; they must not change. */
  public static final String CALLS_BY_TENANT = "call-events-by-tenant";
  public static final String AGENTS_BY_TENANT = "agent-events-by-tenant";
  public static final String QUEUES_BY_TENANT = "queue-config-by-tenant";

  static final String AGENTS_STORE = "routing-agents";
  static final String CALLS_STORE = "routing-calls";
  static final String WAITING_STORE = "routing-waiting";
  static final String RESERVATIONS_STORE = "routing-reservations";
  static final String QUEUES_STORE = "routing-queues";
  static final String CURSORS_STORE = "routing-cursors";
  static final String TIMERS_STORE = "routing-timers";
  private static final String[] STORES = {AGENTS_STORE, CALLS_STORE, WAITING_STORE, RESERVATIONS_STORE,
      QUEUES_STORE, CURSORS_STORE, TIMERS_STORE};

  private RoutingTopology() {}

  public static Topology build(RoutingSettings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(store(settings, AGENTS_STORE, new AgentStateCodec().serde()));
    builder.addStateStore(store(settings, CALLS_STORE, new RoutedCallCodec().serde()));
    builder.addStateStore(store(settings, WAITING_STORE, Serdes.String()));
    builder.addStateStore(store(settings, RESERVATIONS_STORE, Serdes.String()));
    builder.addStateStore(store(settings, QUEUES_STORE, Topics.QUEUE_CONFIG.valueSerde()));
    builder.addStateStore(store(settings, CURSORS_STORE, Serdes.String()));
    builder.addStateStore(store(settings, TIMERS_STORE, Serdes.String()));

    KStream<String, RoutingDecision> fromCalls =
        byTenant(builder, Topics.CALL_EVENTS, CALLS_BY_TENANT, CallEvent::getTenantId, settings)
            .process(() -> new CallEventProcessor(settings), Named.as("route-call-events"), STORES);
    KStream<String, RoutingDecision> fromAgents =
        byTenant(builder, Topics.AGENT_EVENTS, AGENTS_BY_TENANT, AgentEvent::getTenantId, settings)
            .process(() -> new AgentEventProcessor(settings), Named.as("route-agent-events"), STORES);

    KStream<String, RoutingDecision> fromQueues = queuesByTenant(builder, settings)
        .process(() -> new QueueConfigProcessor(settings), Named.as("route-queue-config"), STORES);

    fromCalls.merge(fromAgents, Named.as("routing-decisions-merged"))
        .merge(fromQueues, Named.as("routing-decisions-merged-queues"))
        .to(Topics.ROUTING_DECISIONS.name(), Produced.with(Topics.ROUTING_DECISIONS.keySerde(),
            Topics.ROUTING_DECISIONS.valueSerde()).withName("routing-decisions"));
    // Queue statistics read the same topics and the decisions above; Streams reads each topic once.
    QueueStatsTopology.addTo(builder, QueueStatsSettings.defaults(
        settings.source(), settings.repartitionPartitions(), settings.inMemoryStores()));
    return builder.build();
  }

  private static <V extends SpecificRecord> KStream<String, V> byTenant(
      StreamsBuilder builder, Topic<V> topic, String name, Function<V, String> tenant,
      RoutingSettings settings) {
    return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(topic.name()))
        .filter((key, event) -> event != null, Named.as(name + "-present"))
        .selectKey((key, event) -> tenant.apply(event), Named.as(name + "-key"))
        .repartition(Repartitioned.<String, V>as(name)
            .withKeySerde(Serdes.String())
            .withValueSerde(topic.valueSerde())
            .withNumberOfPartitions(settings.repartitionPartitions()));
  }

  /**
   * Queue configurations keep their {@code tenantId/queue} key, since a tombstone has no value to
   * read the tenant from, and are partitioned by the tenant part exactly like the re-keyed inputs.
   */
  private static KStream<String, QueueConfig> queuesByTenant(StreamsBuilder builder, RoutingSettings settings) {
    Topic<QueueConfig> topic = Topics.QUEUE_CONFIG;
    return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(topic.name()))
        .repartition(Repartitioned.<String, QueueConfig>as(QUEUES_BY_TENANT)
            .withKeySerde(Serdes.String())
            .withValueSerde(topic.valueSerde())
            .withStreamPartitioner(new TenantPartitioner<>())
            .withNumberOfPartitions(settings.repartitionPartitions()));
  }

  private static <V> StoreBuilder<?> store(RoutingSettings settings, String name, Serde<V> valueSerde) {
    KeyValueBytesStoreSupplier supplier = settings.inMemoryStores()
        ? Stores.inMemoryKeyValueStore(name)
        : Stores.persistentKeyValueStore(name);
    // Changelogged, so a task moved to another instance resumes with the same queues and agents.
    return Stores.keyValueStoreBuilder(supplier, Serdes.String(), valueSerde).withLoggingEnabled(Map.of());
  }
}
