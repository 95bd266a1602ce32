package io.switchboard.routing.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.routing.queue.PriorityRules;
import io.switchboard.routing.queue.RoutingSettings;
import io.switchboard.routing.queue.RoutingTopology;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real streams configuration skips an undecodable record, counts it, and keeps routing. */
class SkipUndecodableRecordsTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TopologyTestDriver driver = new TopologyTestDriver(
      RoutingTopology.build(new RoutingSettings("routing-test", Duration.ofSeconds(15), Duration.ofSeconds(1), 6,
          PriorityRules.DEFAULT, true)),
      StreamsConfigs.of(new KafkaProperties("unused:9092", 0, 1),
          new StreamsProperties("routing-test", Path.of("target", "unused-state"), Duration.ofMillis(100), 6,
              Duration.ofSeconds(5), true),
          new DroppedRecords(registry)),
      NOW);

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void garbageOnTheInputTopicsIsCountedAndSkipped() {
    byte[] garbage = "not an avro record".getBytes(StandardCharsets.UTF_8);
    pipeRaw(Topics.CALL_EVENTS.name(), "c0", garbage);
    pipeRaw(Topics.AGENT_EVENTS.name(), "a0", garbage);

    pipe(Topics.AGENT_EVENTS.name(), "a1", Topics.AGENT_EVENTS.valueSerde().encode(agentEvent(
        AgentRegistered.newBuilder().setQueues(List.of("sales")).build())));
    pipe(Topics.AGENT_EVENTS.name(), "a1", Topics.AGENT_EVENTS.valueSerde().encode(agentEvent(
        new AgentStatusChanged(AgentStatus.AVAILABLE, null))));
    pipe(Topics.CALL_EVENTS.name(), "c1", Topics.CALL_EVENTS.valueSerde().encode(
        new CallEvent(UUID.randomUUID(), "acme", NOW, "test", "c1", new CallQueued("sales", null))));

    assertThat(registry.get("switchboard.records.dropped").tag("reason", "undecodable").counters())
        .extracting(counter -> counter.getId().getTag("topic") + "=" + (long) counter.count())
        .containsExactlyInAnyOrder("call.events=1", "agent.events=1");
    List<RoutingDecision> decisions = driver.createOutputTopic(Topics.ROUTING_DECISIONS.name(),
        Topics.ROUTING_DECISIONS.keySerde().deserializer(), Topics.ROUTING_DECISIONS.valueSerde().deserializer())
        .readValuesToList();
    assertThat(decisions).last().extracting(RoutingDecision::getPayload).isInstanceOf(RoutingOffered.class);
  }

  private static AgentEvent agentEvent(Object payload) {
    return new AgentEvent(UUID.randomUUID(), "acme", NOW, "test", "a1", payload);
  }

  private void pipeRaw(String topic, String key, byte[] value) {
    pipe(topic, key, value);
  }

  private void pipe(String topic, String key, byte[] value) {
    driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()).pipeInput(key, value, NOW);
  }
}
