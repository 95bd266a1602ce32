package io.switchboard.simulator;

import io.switchboard.routing.queue.PriorityRules;
import io.switchboard.routing.queue.RoutingSettings;
import io.switchboard.routing.queue.RoutingTopology;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The real routing topology in a {@link TopologyTestDriver}, on simulated time: the driver's wall
 * clock is moved to each event's time before the event goes in, so punctuators (offer expiry) fire
 * as they would, and every record carries that time as timestamp and {@code occurredAt}.
 */
final class RoutingDriver implements AutoCloseable {

  static final String TENANT = "simulated";
  private static final String SOURCE = "routing-simulator";
  /** Changelog and repartition records pile up in the driver unless read; read them this often. */
  private static final int DISCARD_EVERY = 512;

  private final TopologyTestDriver driver;
  private final Instant epoch;
  private final boolean readsQueueConfig;
  private final TestInputTopic<String, CallEvent> calls;
  private final TestInputTopic<String, AgentEvent> agents;
  private final TestInputTopic<String, QueueConfig> queueConfig;
  private final TestOutputTopic<String, RoutingDecision> decisions;
  private final Map<String, TestOutputTopic<byte[], byte[]>> internal = new HashMap<>();
  private long nowMs;
  private long eventIds;
  private int sinceDiscard;

  RoutingDriver(Duration reservationTimeout, Instant epoch) {
    RoutingSettings settings = new RoutingSettings(SOURCE, reservationTimeout, Duration.ofSeconds(1), 1,
        PriorityRules.DEFAULT, true);
    Topology topology = RoutingTopology.build(settings);
    this.readsQueueConfig = sourceTopics(topology).contains(Topics.QUEUE_CONFIG.name());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, SOURCE);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    this.epoch = epoch;
    this.driver = new TopologyTestDriver(topology, props, epoch);
    calls = driver.createInputTopic(Topics.CALL_EVENTS.name(), Topics.CALL_EVENTS.keySerde().serializer(),
        Topics.CALL_EVENTS.valueSerde().serializer());
    agents = driver.createInputTopic(Topics.AGENT_EVENTS.name(), Topics.AGENT_EVENTS.keySerde().serializer(),
        Topics.AGENT_EVENTS.valueSerde().serializer());
    queueConfig = readsQueueConfig
        ? driver.createInputTopic(Topics.QUEUE_CONFIG.name(), Topics.QUEUE_CONFIG.keySerde().serializer(),
            Topics.QUEUE_CONFIG.valueSerde().serializer())
        : null;
    decisions = driver.createOutputTopic(Topics.ROUTING_DECISIONS.name(),
        Topics.ROUTING_DECISIONS.keySerde().deserializer(), Topics.ROUTING_DECISIONS.valueSerde().deserializer());
  }

  /** Whether this build of the topology takes per-queue configuration (and so a strategy). */
  boolean readsQueueConfig() {
    return readsQueueConfig;
  }

  static Set<String> sourceTopics(Topology topology) {
    Set<String> topics = new java.util.TreeSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source) {
          Set<String> names = ((TopologyDescription.Source) node).topicSet();
          if (names != null) {
            topics.addAll(names);
          }
        }
      }
    }
    for (TopologyDescription.GlobalStore store : topology.describe().globalStores()) {
      topics.addAll(store.source().topicSet());
    }
    return topics;
  }

  /** Moves the wall clock forward to {@code atMs} (ms since the epoch of the run); false if already there. */
  boolean advanceTo(long atMs) {
    if (atMs <= nowMs) {
      return false;
    }
    driver.advanceWallClockTime(Duration.ofMillis(atMs - nowMs));
    nowMs = atMs;
    return true;
  }

  /** Ms since the epoch of the run. */
  long toRunTime(Instant instant) {
    return instant.toEpochMilli() - epoch.toEpochMilli();
  }

  void call(String callId, Object payload) {
    Instant at = now();
    calls.pipeInput(callId, new CallEvent(nextEventId(), TENANT, at, SOURCE, callId, payload), at);
    afterPipe();
  }

  void agent(String agentId, Object payload) {
    Instant at = now();
    agents.pipeInput(agentId, new AgentEvent(nextEventId(), TENANT, at, SOURCE, agentId, payload), at);
    afterPipe();
  }

  void queueConfig(QueueConfig.Builder config) {
    if (queueConfig == null) {
      throw new IllegalStateException("This topology does not read " + Topics.QUEUE_CONFIG.name());
    }
    Instant at = now();
    QueueConfig value = config.setEventId(nextEventId()).setTenantId(TENANT).setOccurredAt(at).setSource(SOURCE)
        .build();
    queueConfig.pipeInput(Topics.queueKey(TENANT, value.getQueue()), value, at);
    afterPipe();
  }

  /** Decisions written since the last call. */
  List<RoutingDecision> decisions() {
    return decisions.readValuesToList();
  }

  Instant now() {
    return epoch.plusMillis(nowMs);
  }

  private UUID nextEventId() {
    // Deterministic ids: a run depends only on its seed.
    return new UUID(0x5157L, ++eventIds);
  }

  private void afterPipe() {
    if (++sinceDiscard < DISCARD_EVERY) {
      return;
    }
    sinceDiscard = 0;
    for (String topic : driver.producedTopicNames()) {
      if (!topic.equals(Topics.ROUTING_DECISIONS.name())) {
        internal.computeIfAbsent(topic, name -> driver.createOutputTopic(name, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())).readRecordsToList();
      }
    }
  }

  @Override
  public void close() {
    driver.close();
  }
}
