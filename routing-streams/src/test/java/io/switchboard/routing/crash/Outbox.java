package io.switchboard.routing.crash;

import io.switchboard.schemas.avro.AgentChannel;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
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
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.SharedKafka;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the phones and agent desktops of the simulated contact center send: call and agent events,
 * written without waiting for each acknowledgement (an idempotent producer keeps each key's order).
 * Each event is stamped with the time it is sent.
 */
final class Outbox implements AutoCloseable {

  private static final String SOURCE = "routing-crash-it";

  private final KafkaProducer<String, byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  Outbox() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  void agentSignsIn(String tenant, String agentId, List<String> queues) {
    agent(tenant, agentId, AgentRegistered.newBuilder().setQueues(queues).setCapacity(1)
        .setChannel(AgentChannel.WEBRTC).build());
  }

  void agentStatus(String tenant, String agentId, AgentStatus status) {
    agent(tenant, agentId, new AgentStatusChanged(status, null));
  }

  void callArrives(String tenant, String callId, String queue) {
    call(tenant, callId, CallCreated.newBuilder().setDirection(CallDirection.INBOUND).setChannel(CallChannel.WEBRTC)
        .setQueue(queue).setAttributes(Map.of()).build());
    call(tenant, callId, new CallQueued(queue, null));
  }

  void answer(String tenant, String callId, String agentId, String reservationId) {
    call(tenant, callId, new CallAnswered(agentId, reservationId));
  }

  void decline(String tenant, String callId, String agentId, String reservationId) {
    call(tenant, callId, new CallDeclined(agentId, reservationId, "busy"));
  }

  /** A supervisor force-assigns the call to the agent (POST /api/v1/calls/{id}/assign on the gateway). */
  void assign(String tenant, String callId, String agentId) {
    call(tenant, callId, new CallAssignmentRequested(agentId, "crash-supervisor"));
  }

  void end(String tenant, String callId, CallOutcome outcome) {
    call(tenant, callId, new CallEnded(outcome, null, null));
  }

  /** The first send that failed, if any. */
  Exception failure() {
    return failure.get();
  }

  void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }

  private void agent(String tenant, String agentId, Object payload) {
    send(new ProducerRecord<>(Topics.AGENT_EVENTS.name(), agentId, Topics.AGENT_EVENTS.valueSerde().encode(
        new AgentEvent(UUID.randomUUID(), tenant, Instant.now(), SOURCE, agentId, payload))));
  }

  private void call(String tenant, String callId, Object payload) {
    send(new ProducerRecord<>(Topics.CALL_EVENTS.name(), callId, Topics.CALL_EVENTS.valueSerde().encode(
        new CallEvent(UUID.randomUUID(), tenant, Instant.now(), SOURCE, callId, payload))));
  }

  private void send(ProducerRecord<String, byte[]> record) {
    producer.send(record, (metadata, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
      }
    });
  }
}
