package io.switchboard.routing.queue;

import static io.switchboard.routing.store.TenantStreams.changelogged;

import io.switchboard.routing.stats.QueueStatsSettings;
import io.switchboard.routing.store.TenantStreams;
import io.switchboard.routing.stats.QueueStatsTopology;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.topics.Topic;
import io.switchboard.schemas.topics.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The routing topology: call and agent events are re-keyed by tenant, and queue configurations are
 * partitioned by tenant, so that one task owns all of a tenant's routing; then three processors
 * sharing the routing stores turn them into decisions on {@code routing.decisions}, keyed by call id.
 * The queue statistics run in the same tasks on the same streams and on the decisions as they are
 * made.
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
  static final String QUEUES_STORE = "routing-queues";
  static final String CURSORS_STORE = "routing-cursors";
  static final String TIMERS_STORE = "routing-timers";
  private static final String[] STORES =
      {AGENTS_STORE, CALLS_STORE, QUEUES_STORE, CURSORS_STORE, TIMERS_STORE, RoutingIndex.NAME};

  private RoutingTopology() {}

  public static Topology build(RoutingSettings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    boolean inMemory = settings.inMemoryStores();
    storeBuilders(inMemory).forEach(builder::addStateStore);

    KStream<String, CallEvent> callsByTenant =
        TenantStreams.byTenant(builder, Topics.CALL_EVENTS, Topics.CALL_EVENTS.name(), CALLS_BY_TENANT,
            CallEvent::getTenantId, settings.repartitionPartitions());
    KStream<String, AgentEvent> agentsByTenant =
        TenantStreams.byTenant(builder, Topics.AGENT_EVENTS, Topics.AGENT_EVENTS.name(), AGENTS_BY_TENANT,
            AgentEvent::getTenantId, settings.repartitionPartitions());
    KStream<String, RoutingDecision> fromCalls =
        callsByTenant.process(() -> new CallEventProcessor(settings), Named.as("route-call-events"), STORES);
    KStream<String, RoutingDecision> fromAgents =
        agentsByTenant.process(() -> new AgentEventProcessor(settings), Named.as("route-agent-events"), STORES);
    KStream<String, RoutingDecision> fromQueues = queuesByTenant(builder, settings)
        .process(() -> new QueueConfigProcessor(settings), Named.as("route-queue-config"), STORES);

    KStream<String, RoutingDecision> decisions = fromCalls.merge(fromAgents, Named.as("routing-decisions-merged"))
        .merge(fromQueues, Named.as("routing-decisions-merged-queues"));
    decisions.to(Topics.ROUTING_DECISIONS.name(), Produced.with(Topics.ROUTING_DECISIONS.keySerde(),
        Topics.ROUTING_DECISIONS.valueSerde()).withName("routing-decisions"));
    // Queue statistics follow the same tenant-partitioned events and the decisions as they are made,
    // in the same tasks: no re-keying of their own, no second pass through routing.decisions.
    QueueStatsTopology.addTo(builder, QueueStatsSettings.defaults(
        settings.source(), settings.repartitionPartitions(), inMemory), decisions, callsByTenant, agentsByTenant);
    return builder.build();
  }


  /**
   * The stores the three routing processors share, in the order of {@link #STORES}: the changelogged
   * ones, then the in-memory index rebuilt from them.
   */
  static List<StoreBuilder<?>> storeBuilders(boolean inMemory) {
    return List.of(
        changelogged(AGENTS_STORE, new AgentStateCodec().serde(), inMemory),
        changelogged(CALLS_STORE, new RoutedCallCodec().serde(), inMemory),
        changelogged(QUEUES_STORE, Topics.QUEUE_CONFIG.valueSerde(), inMemory),
        changelogged(CURSORS_STORE, Serdes.String(), inMemory),
        changelogged(TIMERS_STORE, Serdes.String(), inMemory),
        RoutingIndex.builder());
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

}
