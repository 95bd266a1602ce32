package io.switchboard.routing.stats;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.QueueStats;
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
 * Queue statistics: routing decisions, call events and agent events, re-keyed by tenant so that one
 * task holds all of a tenant's queues, feed three processors sharing the statistics stores; they
 * write a {@code QueueStats} snapshot to {@code queue.stats} when a queue changes, at most once a
 * second per queue. The stores answer interactive queries ({@link QueueStatsQuery}).
 */
public final class QueueStatsTopology {

  /** Topics the statistics read or write; they must exist before the topology starts. */
  public static final List<Topic<?>> TOPICS =
      List.of(Topics.ROUTING_DECISIONS, Topics.CALL_EVENTS, Topics.AGENT_EVENTS, Topics.QUEUE_STATS);

  /** Internal topic names are {@code <application id>-<name>-repartition}; they must not change. */
  public static final String DECISIONS_BY_TENANT = "stats-decisions-by-tenant";
  public static final String CALLS_BY_TENANT = "stats-call-events-by-tenant";
  public static final String AGENTS_BY_TENANT = "stats-agent-events-by-tenant";

  static final String CALLS_STORE = "stats-calls";
  static final String WAITING_STORE = "stats-waiting";
  static final String AGENTS_STORE = "stats-agents";
  /** Queried by {@link QueueStatsQuery}; its partitions decide which instance owns a tenant. */
  static final String QUEUES_STORE = "stats-queues";
  static final String INTERVALS_STORE = "stats-intervals";
  static final String DIRTY_STORE = "stats-dirty";
  /** Ends seen before the call's decisions, by end time, so that those never followed up expire. */
  static final String ENDED_STORE = "stats-ended";
  private static final String[] STORES =
      {CALLS_STORE, WAITING_STORE, AGENTS_STORE, QUEUES_STORE, INTERVALS_STORE, DIRTY_STORE, ENDED_STORE};

  private QueueStatsTopology() {}

  /** The statistics alone, e.g. for tests; the routing service adds them to its own builder with {@link #addTo}. */
  public static Topology build(QueueStatsSettings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    addTo(builder, settings);
    return builder.build();
  }

  /**
   * Adds the statistics to a builder that may already read the same input topics: Kafka Streams
   * merges two sources of one topic, so the topics are read once.
   */
  public static void addTo(StreamsBuilder builder, QueueStatsSettings settings) {
    builder.addStateStore(store(settings, CALLS_STORE, new StatsCodecs.Calls().serde()));
    builder.addStateStore(store(settings, WAITING_STORE, Serdes.String()));
    builder.addStateStore(store(settings, AGENTS_STORE, new StatsCodecs.Agents().serde()));
    builder.addStateStore(store(settings, QUEUES_STORE, new StatsCodecs.Queues().serde()));
    builder.addStateStore(store(settings, INTERVALS_STORE, new StatsCodecs.Intervals().serde()));
    builder.addStateStore(store(settings, DIRTY_STORE, Serdes.String()));
    builder.addStateStore(store(settings, ENDED_STORE, Serdes.String()));

    KStream<String, QueueStats> fromDecisions = byTenant(builder, Topics.ROUTING_DECISIONS, DECISIONS_BY_TENANT,
        RoutingDecision::getTenantId, settings)
        .process(() -> new DecisionStats(settings), Named.as("stats-decisions"), STORES);
    KStream<String, QueueStats> fromCalls = byTenant(builder, Topics.CALL_EVENTS, CALLS_BY_TENANT,
        CallEvent::getTenantId, settings)
        .process(() -> new CallStats(settings), Named.as("stats-call-events"), STORES);
    KStream<String, QueueStats> fromAgents = byTenant(builder, Topics.AGENT_EVENTS, AGENTS_BY_TENANT,
        AgentEvent::getTenantId, settings)
        .process(() -> new AgentStats(settings), Named.as("stats-agent-events"), STORES);

    fromDecisions.merge(fromCalls, Named.as("stats-merge-calls"))
        .merge(fromAgents, Named.as("stats-merge-agents"))
        .to(Topics.QUEUE_STATS.name(), Produced.with(Topics.QUEUE_STATS.keySerde(),
            Topics.QUEUE_STATS.valueSerde()).withName("queue-stats"));
  }

  private static <V extends SpecificRecord> KStream<String, V> byTenant(
      StreamsBuilder builder, Topic<V> topic, String name, Function<V, String> tenant, QueueStatsSettings settings) {
    return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName("stats-" + topic.name()))
        .filter((key, event) -> event != null, Named.as(name + "-present"))
        .selectKey((key, event) -> tenant.apply(event), Named.as(name + "-key"))
        .repartition(Repartitioned.<String, V>as(name)
            .withKeySerde(Serdes.String())
            .withValueSerde(topic.valueSerde())
            .withNumberOfPartitions(settings.repartitionPartitions()));
  }

  private static <V> StoreBuilder<?> store(QueueStatsSettings settings, String name, Serde<V> valueSerde) {
    KeyValueBytesStoreSupplier supplier = settings.inMemoryStores()
        ? Stores.inMemoryKeyValueStore(name)
        : Stores.persistentKeyValueStore(name);
    // Changelogged: a task moved to another instance resumes with the same counts.
    return Stores.keyValueStoreBuilder(supplier, Serdes.String(), valueSerde).withLoggingEnabled(Map.of());
  }
}
