package io.switchboard.benchmarks.broker;

import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallQueued;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Sends {@code CallQueued} events to the baseline's input, keyed by a fresh call id as on
 * {@code call.events}, and reads them back from its output; a record is reached and complete when
 * read back.
 */
final class PassThroughDriver implements Pacer.Sender, AutoCloseable {

  private record Pending(Phase phase, long sentNanos) {}

  private final List<String> tenants;
  private final KafkaProducer<String, byte[]> producer;
  private final TopicTail output;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong failedSends = new AtomicLong();

  PassThroughDriver(String bootstrap, List<String> tenants) {
    this.tenants = List.copyOf(tenants);
    this.producer = TopicTail.producer(bootstrap);
    this.output = new TopicTail(bootstrap, PassThroughTopology.OUTPUT.name(), this::read);
    output.start();
  }

  @Override
  public void send(Phase phase, long seq) {
    String callId = phase.name + "-" + seq;
    String tenant = tenants.get((int) (seq % tenants.size()));
    CallEvent event = new CallEvent(UUID.randomUUID(), tenant, Instant.now(), "routing-load-benchmark", callId,
        new CallQueued(CallDriver.QUEUE, null));
    var record = PassThroughTopology.INPUT.record(callId, event);
    pending.put(callId, new Pending(phase, System.nanoTime()));
    producer.send(record, (metadata, error) -> {
      if (error != null) {
        failedSends.incrementAndGet();
      }
    });
    phase.sent();
  }

  long notReached(Phase phase) {
    return pending.values().stream().filter(record -> record.phase() == phase).count();
  }

  long failedSends() {
    return failedSends.get();
  }

  void check() {
    output.check();
  }

  private void read(ConsumerRecord<String, byte[]> record) {
    long now = System.nanoTime();
    // Decoded as a gateway would, so that the reading side costs the same as for decisions.
    PassThroughTopology.OUTPUT.valueSerde().deserializer().deserialize(record.topic(), record.value());
    Pending sent = pending.remove(record.key());
    if (sent != null) {
      sent.phase().reached(now - sent.sentNanos());
      sent.phase().completed();
    }
  }

  @Override
  public void close() throws InterruptedException {
    output.close();
    producer.close();
  }
}
