package io.switchboard.benchmarks.websocket;

import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes offers to {@code routing.decisions} as the routing engine does: a {@code RoutingOffered}
 * for a random agent, keyed by call, the call id carrying the {@link PushStamp} taken just before the
 * record is built and sent. Not transactional and {@code linger.ms=0}: what is measured is the
 * gateway's path from the topic to the socket, not routing's commit interval.
 */
final class OfferProducer implements AutoCloseable {

  /** An agent of a tenant. */
  record Agent(String tenant, String agentId) {}

  private final String bootstrap;
  private final KafkaProducer<String, byte[]> producer;
  private final List<Agent> agents;
  private final Duration expiry;
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  /** {@code expiry}: how long after it is made each offer expires. */
  OfferProducer(String bootstrap, List<Agent> agents, Duration expiry) {
    this.bootstrap = bootstrap;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.agents = List.copyOf(agents);
    this.expiry = expiry;
  }

  /** The broker written to. */
  String bootstrap() {
    return bootstrap;
  }

  /** Offers call {@code seq} of {@code phase} to a random agent. */
  void offer(char phase, long seq) {
    Agent agent = agents.get(ThreadLocalRandom.current().nextInt(agents.size()));
    String callId = new PushStamp(phase, seq, System.nanoTime()).callId();
    Instant now = Instant.now();
    RoutingDecision decision = RoutingDecision.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTenantId(agent.tenant())
        .setOccurredAt(now)
        .setSource("websocket-benchmark")
        .setCallId(callId)
        .setQueue("support")
        .setReason(null)
        .setPayload(new RoutingOffered(agent.agentId(), "res-" + callId, now.plus(expiry), false))
        .build();
    producer.send(new ProducerRecord<>(Topics.ROUTING_DECISIONS.name(), callId,
        Topics.ROUTING_DECISIONS.valueSerde().encode(decision)), (metadata, error) -> {
          if (error != null) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, error);
          }
        });
  }

  /** Throws when any send failed so far. */
  void check() {
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " offers were not written", firstFailure.get());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
