package io.switchboard.benchmarks.broker;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The callers, gateway and agent desktops around the routing engine. A call arrives as
 * {@code CallCreated} then {@code CallQueued} (as the gateway's {@code POST /api/v1/calls}
 * publishes them); when its {@code RoutingOffered} is read, the agent accepts at once
 * ({@code CallAnswered}) and the call ends at once ({@code CallEnded ENDED}, sent right after on the
 * same key, so routing handles it after the answer); the queue has no configuration, so no wrap-up,
 * and the agent is free again as soon as routing has handled the end. The call is complete when its
 * {@code ReservationAccepted} is read.
 */
final class CallDriver implements Pacer.Sender, AutoCloseable {

  static final String QUEUE = "sales";
  private static final String SOURCE = "routing-load-benchmark";

  /** A call sent and not complete yet; {@code offered} is touched only by the reading thread. */
  private static final class Pending {
    final Phase phase;
    final long queuedNanos;
    boolean offered;

    Pending(Phase phase, long queuedNanos) {
      this.phase = phase;
      this.queuedNanos = queuedNanos;
    }
  }

  private final List<String> tenants;
  private final int agentsPerTenant;
  private final KafkaProducer<String, byte[]> producer;
  private final TopicTail decisions;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  /** Decisions other than queued/offered/accepted, by type: none are expected. */
  private final Map<String, AtomicLong> unexpected = new ConcurrentHashMap<>();

  CallDriver(String bootstrap, List<String> tenants, int agentsPerTenant) {
    this.tenants = List.copyOf(tenants);
    this.agentsPerTenant = agentsPerTenant;
    this.producer = TopicTail.producer(bootstrap);
    this.decisions = new TopicTail(bootstrap, Topics.ROUTING_DECISIONS.name(), this::decided);
    decisions.start();
  }

  /** Every agent signs in to the one queue with capacity 1 and becomes available. */
  void signIn() {
    for (String tenant : tenants) {
      for (int i = 0; i < agentsPerTenant; i++) {
        String agentId = tenant + "-agent-" + i;
        agent(tenant, agentId, AgentRegistered.newBuilder().setDisplayName(agentId).setSkills(List.of()).setQueues(List.of(QUEUE))
            .setCapacity(1).setChannel(AgentChannel.WEBRTC).build());
        agent(tenant, agentId, new AgentStatusChanged(AgentStatus.AVAILABLE, null));
      }
    }
    producer.flush();
  }

  @Override
  public void send(Phase phase, long seq) {
    String callId = phase.name + "-" + seq;
    String tenant = tenants.get((int) (seq % tenants.size()));
    call(tenant, callId, CallCreated.newBuilder().setDirection(CallDirection.INBOUND).setChannel(CallChannel.WEBRTC)
        .setQueue(QUEUE).setCustomerId("c-" + seq).setAttributes(Map.of()).build());
    ProducerRecord<String, byte[]> queued = callRecord(tenant, callId, new CallQueued(QUEUE, null));
    pending.put(callId, new Pending(phase, System.nanoTime()));
    producer.send(queued, this::failed);
    phase.sent();
  }

  /** Calls of {@code phase} sent but never offered. */
  long notOffered(Phase phase) {
    return pending.values().stream().filter(call -> call.phase == phase && !call.offered).count();
  }

  Map<String, Long> unexpectedDecisions() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    unexpected.forEach((type, count) -> counts.put(type, count.get()));
    return counts;
  }

  void check() {
    decisions.check();
  }

  private void decided(ConsumerRecord<String, byte[]> record) {
    long now = System.nanoTime();
    RoutingDecision decision = Topics.ROUTING_DECISIONS.valueSerde().deserializer().deserialize(record.topic(),
        record.value());
    Pending call = pending.get(decision.getCallId());
    Object payload = decision.getPayload();
    if (call == null || payload instanceof RoutingQueued) {
      return;
    }
    if (payload instanceof RoutingOffered && !call.offered) {
      RoutingOffered offer = (RoutingOffered) payload;
      call.offered = true;
      call.phase.reached(now - call.queuedNanos);
      String tenant = decision.getTenantId();
      call(tenant, decision.getCallId(), new CallAnswered(offer.getAgentId(), offer.getReservationId()));
      call(tenant, decision.getCallId(), new CallEnded(CallOutcome.ENDED, null, null));
    } else if (payload instanceof ReservationAccepted) {
      pending.remove(decision.getCallId());
      call.phase.completed();
    } else {
      unexpected.computeIfAbsent(payload.getClass().getSimpleName() + (payload instanceof RoutingOffered
          ? " (second offer)" : ""), type -> new AtomicLong()).incrementAndGet();
    }
  }

  private void agent(String tenant, String agentId, Object payload) {
    producer.send(Topics.AGENT_EVENTS.record(agentId,
        new AgentEvent(UUID.randomUUID(), tenant, Instant.now(), SOURCE, agentId, payload)), this::failed);
  }

  private void call(String tenant, String callId, Object payload) {
    producer.send(callRecord(tenant, callId, payload), this::failed);
  }

  private static ProducerRecord<String, byte[]> callRecord(String tenant, String callId, Object payload) {
    return Topics.CALL_EVENTS.record(callId,
        new CallEvent(UUID.randomUUID(), tenant, Instant.now(), SOURCE, callId, payload));
  }

  private void failed(Object metadata, Exception error) {
    if (error != null) {
      unexpected.computeIfAbsent("send failed: " + error.getClass().getSimpleName(), type -> new AtomicLong())
          .incrementAndGet();
    }
  }

  @Override
  public void close() throws InterruptedException {
    decisions.close();
    producer.close();
  }
}
