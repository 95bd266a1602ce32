package io.switchboard.benchmarks.callstate;

import io.switchboard.schemas.avro.AgentChannel;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.topics.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces the run's events before anything is measured: every agent registers and becomes
 * available, then answered calls of seven events each (as the gateway and routing publish them,
 * docs/call-flow.md: CallCreated, CallQueued, RoutingQueued, RoutingOffered, CallAnswered,
 * ReservationAccepted, CallEnded), a call starting every 20 ms of event time and lasting about a
 * minute; every {@code statusEvery}-th call its agent goes on a break or back. Counts what it sent.
 */
final class EventLoad {

  private static final String SOURCE = "call-state-projection-benchmark";
  private static final String QUEUE = "sales";

  /** What was produced: events by type, calls, and the total. */
  record Produced(Map<String, Long> byType, long calls, long total) {}

  private final Map<String, Long> byType = new TreeMap<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private long total;

  Produced produce(String bootstrap, ProjectionOptions options) {
    Instant t0 = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    long calls = 0;
    try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
      for (int t = 0; t < options.tenants(); t++) {
        for (int a = 0; a < options.agentsPerTenant(); a++) {
          agent(producer, tenant(t), agentId(t, a), t0, AgentRegistered.newBuilder().setDisplayName(agentId(t, a))
              .setSkills(List.of()).setQueues(List.of(QUEUE)).setCapacity(1).setChannel(AgentChannel.WEBRTC).build());
          agent(producer, tenant(t), agentId(t, a), t0, new AgentStatusChanged(AgentStatus.AVAILABLE, null));
        }
      }
      while (total < options.events()) {
        call(producer, options, calls++, t0);
        if (failure.get() != null) {
          throw new IllegalStateException("Producing failed", failure.get());
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Producing failed", failure.get());
    }
    return new Produced(Map.copyOf(byType), calls, total);
  }

  private void call(KafkaProducer<String, byte[]> producer, ProjectionOptions options, long seq, Instant t0) {
    int t = (int) (seq % options.tenants());
    String tenant = tenant(t);
    String agent = agentId(t, (int) (seq / options.tenants() % options.agentsPerTenant()));
    String callId = "call-" + seq;
    String reservation = "r-" + seq;
    Instant at = t0.plusMillis(seq * 20);
    callEvent(producer, tenant, callId, at, new CallCreated(CallDirection.INBOUND, CallChannel.WEBRTC, "c-" + seq,
        null, null, QUEUE, Map.of("vip", seq % 7 == 0 ? "true" : "false"), List.of()));
    callEvent(producer, tenant, callId, at.plusMillis(100), new CallQueued(QUEUE, null));
    decision(producer, tenant, callId, at.plusMillis(150), new RoutingQueued(1, 100));
    decision(producer, tenant, callId, at.plusMillis(900),
        new RoutingOffered(agent, reservation, at.plusSeconds(20), false));
    callEvent(producer, tenant, callId, at.plusMillis(1300), new CallAnswered(agent, reservation));
    decision(producer, tenant, callId, at.plusMillis(1350), new ReservationAccepted(agent, reservation));
    callEvent(producer, tenant, callId, at.plusMillis(60_000 + seq % 30_000),
        new CallEnded(CallOutcome.ENDED, null, "customer"));
    if (seq % options.statusEvery() == 0) {
      boolean toBreak = seq / options.statusEvery() % 2 == 0;
      agent(producer, tenant, agent, at.plusMillis(90_000), toBreak
          ? new AgentStatusChanged(AgentStatus.BREAK, "lunch") : new AgentStatusChanged(AgentStatus.AVAILABLE, null));
    }
  }

  private void callEvent(KafkaProducer<String, byte[]> producer, String tenant, String callId, Instant at,
      Object payload) {
    send(producer, Topics.CALL_EVENTS.record(callId, new CallEvent(UUID.randomUUID(), tenant, at, SOURCE, callId,
        payload)), payload);
  }

  private void decision(KafkaProducer<String, byte[]> producer, String tenant, String callId, Instant at,
      Object payload) {
    send(producer, Topics.ROUTING_DECISIONS.record(callId, new RoutingDecision(UUID.randomUUID(), tenant, at, SOURCE,
        callId, QUEUE, null, payload)), payload);
  }

  private void agent(KafkaProducer<String, byte[]> producer, String tenant, String agentId, Instant at,
      Object payload) {
    send(producer, Topics.AGENT_EVENTS.record(agentId, new AgentEvent(UUID.randomUUID(), tenant, at, SOURCE, agentId,
        payload)), payload);
  }

  private void send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record, Object payload) {
    producer.send(record, (metadata, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
      }
    });
    byType.merge(payload.getClass().getSimpleName(), 1L, Long::sum);
    total++;
  }

  static String tenant(int t) {
    return "tenant-" + t;
  }

  private static String agentId(int t, int a) {
    return "t" + t + "-agent-" + a;
  }

  /** Idempotent, acks=all as the services' producers, with large batches: producing is not measured. */
  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }
}
