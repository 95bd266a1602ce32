package io.switchboard.routing.stats;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentSignedOut;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.OfferRescinded;
import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.ReservationRejected;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingAbandoned;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingOverflowed;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.avro.TransferTargetType;
import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The statistics topology in a {@link TopologyTestDriver}: decisions and events go in with the
 * driver's wall-clock time as their time, {@code queue.stats} records come out, and time moves only
 * when a test advances it.
 */
final class StatsScenario implements AutoCloseable {

  static final String TENANT = "acme";

  private final TopologyTestDriver driver;
  private final TestInputTopic<String, RoutingDecision> decisions;
  private final TestInputTopic<String, CallEvent> calls;
  private final TestInputTopic<String, AgentEvent> agents;
  private final TestOutputTopic<String, QueueStats> stats;
  private Instant now;

  StatsScenario(Instant start) {
    this(QueueStatsTopology.build(QueueStatsSettings.defaults("stats-test", Topics.DEFAULT_PARTITIONS, true)), start);
  }

  StatsScenario(Topology topology, Instant start) {
    now = start;
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stats-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(topology, props, start);
    decisions = driver.createInputTopic(Topics.ROUTING_DECISIONS.name(), Topics.ROUTING_DECISIONS.keySerde().serializer(),
        Topics.ROUTING_DECISIONS.valueSerde().serializer());
    calls = driver.createInputTopic(Topics.CALL_EVENTS.name(), Topics.CALL_EVENTS.keySerde().serializer(),
        Topics.CALL_EVENTS.valueSerde().serializer());
    agents = driver.createInputTopic(Topics.AGENT_EVENTS.name(), Topics.AGENT_EVENTS.keySerde().serializer(),
        Topics.AGENT_EVENTS.valueSerde().serializer());
    stats = driver.createOutputTopic(Topics.QUEUE_STATS.name(), Topics.QUEUE_STATS.keySerde().deserializer(),
        Topics.QUEUE_STATS.valueSerde().deserializer());
  }

  Instant now() {
    return now;
  }

  /** Moves event time and the wall clock together; wall-clock punctuators fire on the way. */
  StatsScenario advance(Duration duration) {
    now = now.plus(duration);
    driver.advanceWallClockTime(duration);
    return this;
  }

  /** The engine's RoutingQueued: the call enters the queue. */
  StatsScenario queued(String callId, String queue) {
    return decision(callId, queue, new RoutingQueued(1, 100));
  }

  StatsScenario offered(String callId, String queue, String agentId) {
    return decision(callId, queue, new RoutingOffered(agentId, "r-" + callId + "-" + agentId, now.plusSeconds(15), false));
  }

  StatsScenario rejected(String callId, String queue, String agentId) {
    return decision(callId, queue, new ReservationRejected(agentId, "r-" + callId + "-" + agentId));
  }

  StatsScenario timedOut(String callId, String queue, String agentId) {
    return decision(callId, queue, new ReservationTimedOut(agentId, "r-" + callId + "-" + agentId));
  }

  /** The gateway's {@code CallTransferred} of a blind transfer by {@code by}, alone. */
  StatsScenario transferred(String callId, TransferTargetType type, String target, String by) {
    return callEvent(callId, new CallTransferred(type, target, by));
  }

  StatsScenario rescinded(String callId, String queue, String agentId) {
    return decision(callId, queue, new OfferRescinded(agentId, "r-" + callId + "-" + agentId));
  }

  /** The agent answers: {@code CallAnswered} from the gateway, then the engine's {@code ReservationAccepted}. */
  StatsScenario answered(String callId, String queue, String agentId) {
    callEvent(callId, new CallAnswered(agentId, "r-" + callId + "-" + agentId));
    return decision(callId, queue, new ReservationAccepted(agentId, "r-" + callId + "-" + agentId));
  }

  StatsScenario ended(String callId) {
    return callEvent(callId, new CallEnded(CallOutcome.ENDED, null, null));
  }

  /** The caller hangs up while waiting: {@code CallEnded(ABANDONED)}, then the engine's {@code RoutingAbandoned}. */
  StatsScenario abandoned(String callId, String queue, Duration waited) {
    callEvent(callId, new CallEnded(CallOutcome.ABANDONED, null, null));
    return decision(callId, queue, new RoutingAbandoned(waited.toMillis()));
  }

  StatsScenario overflowed(String callId, String queue, String toQueue) {
    return decision(callId, queue, new RoutingOverflowed(toQueue));
  }

  StatsScenario agent(String agentId, String... queues) {
    return agentEvent(agentId, AgentRegistered.newBuilder().setQueues(List.of(queues)).setSkills(List.of()).build());
  }

  StatsScenario status(String agentId, AgentStatus status) {
    return agentEvent(agentId, new AgentStatusChanged(status, null));
  }

  StatsScenario signedOut(String agentId) {
    return agentEvent(agentId, new AgentSignedOut(null));
  }

  StatsScenario decision(String callId, String queue, Object payload) {
    decisions.pipeInput(callId, new RoutingDecision(UUID.randomUUID(), TENANT, now, "engine", callId, queue,
        "test", payload), now);
    return this;
  }

  StatsScenario callEvent(String callId, Object payload) {
    calls.pipeInput(callId, new CallEvent(UUID.randomUUID(), TENANT, now, "gateway", callId, payload), now);
    return this;
  }

  StatsScenario agentEvent(String agentId, Object payload) {
    agents.pipeInput(agentId, new AgentEvent(UUID.randomUUID(), TENANT, now, "gateway", agentId, payload), now);
    return this;
  }

  /** {@code queue.stats} records written since the last call. */
  List<QueueStats> emitted() {
    return stats.readValuesToList();
  }

  List<KeyValue<String, QueueStats>> emittedRecords() {
    return stats.readKeyValuesToList();
  }

  IntervalCounts intervalCounts(String queue, Instant intervalStart) {
    return driver.<String, IntervalCounts>getKeyValueStore(QueueStatsTopology.INTERVALS_STORE)
        .get(StatsKeys.interval(TENANT, queue, intervalStart.toEpochMilli()));
  }

  /** The call as the statistics track it, or null. */
  TrackedCall trackedCall(String callId) {
    return driver.<String, TrackedCall>getKeyValueStore(QueueStatsTopology.CALLS_STORE).get(StatsKeys.of(TENANT, callId));
  }

  /** The caller hangs up: {@code CallEnded} with {@code outcome}, alone. */
  StatsScenario endedWith(String callId, CallOutcome outcome) {
    return callEvent(callId, new CallEnded(outcome, null, null));
  }

  /** The live statistics, read from the stores the way interactive queries read them. */
  QueueSnapshot snapshot(String queue) {
    return snapshots().snapshot(TENANT, queue, now.toEpochMilli())
        .orElseThrow(() -> new AssertionError("no statistics for queue " + queue));
  }

  QueueSnapshots snapshots() {
    return new QueueSnapshots(driver.getKeyValueStore(QueueStatsTopology.QUEUES_STORE),
        driver.getKeyValueStore(QueueStatsTopology.INTERVALS_STORE),
        driver.getKeyValueStore(QueueStatsTopology.WAITING_STORE));
  }

  @Override
  public void close() {
    driver.close();
  }
}
