package io.switchboard.routing.queue;

import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentSignedOut;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallAssignmentRequested;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDeclined;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallPriorityChanged;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.TransferTargetType;
import io.switchboard.schemas.avro.CallbackRequested;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.Skill;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The routing topology in a {@link TopologyTestDriver}: events go in with the driver's wall-clock
 * time as their time, decisions come out, and time moves only when a test advances it.
 */
final class RoutingScenario implements AutoCloseable {

  static final Duration RESERVATION_TIMEOUT = Duration.ofSeconds(15);

  private final TopologyTestDriver driver;
  private final TestInputTopic<String, CallEvent> calls;
  private final TestInputTopic<String, AgentEvent> agents;
  private final TestInputTopic<String, QueueConfig> queues;
  private final TestOutputTopic<String, RoutingDecision> decisions;
  private final List<RoutingDecision> seen = new ArrayList<>();
  private Instant now = Instant.parse("2026-11-21T10:00:00Z");

  RoutingScenario() {
    RoutingSettings settings = new RoutingSettings("routing-test", RESERVATION_TIMEOUT, Duration.ofSeconds(1),
        Topics.DEFAULT_PARTITIONS, PriorityRules.DEFAULT, true);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "routing-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(RoutingTopology.build(settings), props, now);
    calls = driver.createInputTopic(Topics.CALL_EVENTS.name(), Topics.CALL_EVENTS.keySerde().serializer(),
        Topics.CALL_EVENTS.valueSerde().serializer());
    agents = driver.createInputTopic(Topics.AGENT_EVENTS.name(), Topics.AGENT_EVENTS.keySerde().serializer(),
        Topics.AGENT_EVENTS.valueSerde().serializer());
    queues = driver.createInputTopic(Topics.QUEUE_CONFIG.name(), Topics.QUEUE_CONFIG.keySerde().serializer(),
        Topics.QUEUE_CONFIG.valueSerde().serializer());
    decisions = driver.createOutputTopic(Topics.ROUTING_DECISIONS.name(),
        Topics.ROUTING_DECISIONS.keySerde().deserializer(), Topics.ROUTING_DECISIONS.valueSerde().deserializer());
  }

  Instant now() {
    return now;
  }

  RoutingScenario advance(Duration duration) {
    now = now.plus(duration);
    driver.advanceWallClockTime(duration);
    return this;
  }

  RoutingScenario agent(String tenant, String agentId, int capacity, String... queues) {
    return agentEvent(tenant, agentId, AgentRegistered.newBuilder().setQueues(List.of(queues)).setCapacity(capacity)
        .setSkills(List.of()).build());
  }

  RoutingScenario agent(String tenant, String agentId, int capacity, Map<String, Integer> skills, String... queues) {
    List<Skill> levels = new ArrayList<>();
    skills.forEach((name, level) -> levels.add(new Skill(name, level)));
    return agentEvent(tenant, agentId, AgentRegistered.newBuilder().setQueues(List.of(queues)).setCapacity(capacity)
        .setSkills(levels).build());
  }

  /** A queue definition with its envelope filled and every other field at the schema default. */
  static QueueConfig.Builder queue(String tenant, String name) {
    return QueueConfig.newBuilder().setEventId(UUID.randomUUID()).setTenantId(tenant)
        .setOccurredAt(Instant.parse("2026-11-21T09:00:00Z")).setSource("test").setQueue(name);
  }

  /** Publishes a queue definition on queue.config, keyed tenantId/queue as the gateway does. */
  RoutingScenario configure(QueueConfig.Builder config) {
    QueueConfig built = config.build();
    queues.pipeInput(built.getTenantId() + "/" + built.getQueue(), built, now);
    return this;
  }

  /** A queue.config record under any key, e.g. one that does not match its value. */
  RoutingScenario pipeQueueConfig(String key, QueueConfig config) {
    queues.pipeInput(key, config, now);
    return this;
  }

  /** A tombstone: the queue is deleted and routes with the defaults again. */
  RoutingScenario deleteQueue(String tenant, String queue) {
    queues.pipeInput(tenant + "/" + queue, null, now);
    return this;
  }

  RoutingScenario priorityChanged(String tenant, String callId, Integer priority, Map<String, String> attributes,
      String... tags) {
    return callEvent(tenant, callId, new CallPriorityChanged(priority, attributes, List.of(tags)));
  }

  /** A supervisor force-assigns the call (POST /api/v1/calls/{id}/assign on the gateway). */
  RoutingScenario assign(String tenant, String callId, String agentId, String requestedBy) {
    return callEvent(tenant, callId, new CallAssignmentRequested(agentId, requestedBy));
  }

  /** The call's agent transfers it blind (POST /api/v1/calls/{id}/transfer on the gateway). */
  RoutingScenario transfer(String tenant, String callId, TransferTargetType type, String target, String by) {
    return callEvent(tenant, callId, new CallTransferred(type, target, by));
  }

  RoutingScenario status(String tenant, String agentId, AgentStatus status) {
    return agentEvent(tenant, agentId, new AgentStatusChanged(status, null));
  }

  RoutingScenario available(String tenant, String agentId) {
    return status(tenant, agentId, AgentStatus.AVAILABLE);
  }

  RoutingScenario signedOut(String tenant, String agentId) {
    return agentEvent(tenant, agentId, new AgentSignedOut(null));
  }

  /** CallCreated then CallQueued, as the gateway publishes them. */
  RoutingScenario call(String tenant, String callId, String queue, CallDirection direction,
      Map<String, String> attributes, String... tags) {
    callEvent(tenant, callId, CallCreated.newBuilder().setDirection(direction).setChannel(CallChannel.WEBRTC)
        .setQueue(queue).setAttributes(attributes).setTags(List.of(tags)).build());
    return callEvent(tenant, callId, new CallQueued(queue, null));
  }

  RoutingScenario call(String tenant, String callId, String queue) {
    return call(tenant, callId, queue, CallDirection.OUTBOUND, Map.of());
  }

  RoutingScenario answered(String tenant, String callId, RoutingOffered offer) {
    return callEvent(tenant, callId, new CallAnswered(offer.getAgentId(), offer.getReservationId()));
  }

  RoutingScenario declined(String tenant, String callId, RoutingOffered offer, String reason) {
    return callEvent(tenant, callId, new CallDeclined(offer.getAgentId(), offer.getReservationId(), reason));
  }

  RoutingScenario ended(String tenant, String callId, CallOutcome outcome) {
    return callEvent(tenant, callId, new CallEnded(outcome, null, null));
  }

  /** The caller asks to be called back (POST /api/v1/calls/{id}/callback on the gateway). */
  RoutingScenario requestCallback(String tenant, String callId) {
    return callEvent(tenant, callId, new CallbackRequested(null));
  }

  RoutingScenario callEvent(String tenant, String callId, Object payload) {
    calls.pipeInput(callId, new CallEvent(UUID.randomUUID(), tenant, now, "test", callId, payload), now);
    return this;
  }

  RoutingScenario agentEvent(String tenant, String agentId, Object payload) {
    agents.pipeInput(agentId, new AgentEvent(UUID.randomUUID(), tenant, now, "test", agentId, payload), now);
    return this;
  }

  /** The call as the routing store holds it, or null. */
  RoutedCall storedCall(String tenant, String callId) {
    return driver.<String, RoutedCall>getKeyValueStore(RoutingTopology.CALLS_STORE).get(StoreKeys.of(tenant, callId));
  }

  /** The agent as the routing store holds it, or null. */
  AgentState storedAgent(String tenant, String agentId) {
    return driver.<String, AgentState>getKeyValueStore(RoutingTopology.AGENTS_STORE).get(StoreKeys.of(tenant, agentId));
  }

  /** Raw bytes on an input topic, e.g. a record nobody can decode. */
  void pipeRaw(String topic, String key, byte[] value) {
    driver.createInputTopic(topic, Topics.CALL_EVENTS.keySerde().serializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer()).pipeInput(key, value, now);
  }

  /** Decisions written since the last call. */
  List<RoutingDecision> decisions() {
    List<RoutingDecision> fresh = decisions.readValuesToList();
    seen.addAll(fresh);
    return fresh;
  }

  /** Every decision written so far. */
  List<RoutingDecision> allDecisions() {
    decisions();
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    driver.close();
  }
}
