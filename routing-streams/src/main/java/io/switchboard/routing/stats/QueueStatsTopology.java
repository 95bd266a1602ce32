package io.switchboard.routing.stats;

import static io.switchboard.routing.store.TenantStreams.changelogged;

import io.switchboard.routing.store.TenantStreams;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.topics.Topic;
import io.switchboard.schemas.topics.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Queue statistics: routing decisions, call events and agent events, partitioned by tenant so that
 * one task holds all of a tenant's queues (in the routing service, the routing engine's own streams,
 * in the same tasks as the engine), feed three processors sharing the statistics stores; they
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

  /** The statistics alone, each input re-keyed by tenant here; e.g. for tests. */
  public static Topology build(QueueStatsSettings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    addTo(builder, settings);
    return builder.build();
  }

  /**
   * Adds the statistics with their own re-keying of the three inputs by tenant (three repartition
   * topics of their own), to a builder that may already read the same topics: Kafka Streams merges
   * two sources of one topic, so the topics are read once.
   */
  public static void addTo(StreamsBuilder builder, QueueStatsSettings settings) {
    int partitions = settings.repartitionPartitions();
    addTo(builder, settings,
        TenantStreams.byTenant(builder, Topics.ROUTING_DECISIONS, "stats-" + Topics.ROUTING_DECISIONS.name(),
            DECISIONS_BY_TENANT, RoutingDecision::getTenantId, partitions),
        TenantStreams.byTenant(builder, Topics.CALL_EVENTS, "stats-" + Topics.CALL_EVENTS.name(), CALLS_BY_TENANT,
            CallEvent::getTenantId, partitions),
        TenantStreams.byTenant(builder, Topics.AGENT_EVENTS, "stats-" + Topics.AGENT_EVENTS.name(),
            AGENTS_BY_TENANT, AgentEvent::getTenantId, partitions));
  }

  /**
   * Adds the statistics fed by streams that are already partitioned by tenant with
   * {@code settings.repartitionPartitions()} partitions (keys may be anything), e.g. the routing
   * engine's own re-keyed inputs and the decisions it makes in the same task: then the statistics
   * share routing's tasks and need no repartition topic of their own.
   */
  public static void addTo(StreamsBuilder builder, QueueStatsSettings settings,
      KStream<String, RoutingDecision> decisionsByTenant, KStream<String, CallEvent> callsByTenant,
      KStream<String, AgentEvent> agentsByTenant) {
    boolean inMemory = settings.inMemoryStores();
    builder.addStateStore(changelogged(CALLS_STORE, new StatsCodecs.Calls().serde(), inMemory));
    builder.addStateStore(changelogged(WAITING_STORE, Serdes.String(), inMemory));
    builder.addStateStore(changelogged(AGENTS_STORE, new StatsCodecs.Agents().serde(), inMemory));
    builder.addStateStore(changelogged(QUEUES_STORE, new StatsCodecs.Queues().serde(), inMemory));
    builder.addStateStore(changelogged(INTERVALS_STORE, new StatsCodecs.Intervals().serde(), inMemory));
    builder.addStateStore(changelogged(DIRTY_STORE, Serdes.String(), inMemory));
    builder.addStateStore(changelogged(ENDED_STORE, Serdes.String(), inMemory));

    KStream<String, QueueStats> fromDecisions =
        decisionsByTenant.process(() -> new DecisionStats(settings), Named.as("stats-decisions"), STORES);
    KStream<String, QueueStats> fromCalls =
        callsByTenant.process(() -> new CallStats(settings), Named.as("stats-call-events"), STORES);
    KStream<String, QueueStats> fromAgents =
        agentsByTenant.process(() -> new AgentStats(settings), Named.as("stats-agent-events"), STORES);

    fromDecisions.merge(fromCalls, Named.as("stats-merge-calls"))
        .merge(fromAgents, Named.as("stats-merge-agents"))
        .to(Topics.QUEUE_STATS.name(), Produced.with(Topics.QUEUE_STATS.keySerde(),
            Topics.QUEUE_STATS.valueSerde()).withName("queue-stats"));
  }
}
