package io.switchboard.routing.crash;

import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads committed routing decisions of the run's tenants as they come (what agent desktops see) on
 * a thread of its own, hands each to a listener, and remembers which instance last decided for
 * each tenant and the first decision after a given moment, to tell who owns a tenant and when
 * routing resumed.
 */
final class DecisionFeed implements AutoCloseable {

  private final KafkaConsumer<String, RoutingDecision> consumer;
  private final Set<String> tenants;
  private final Consumer<RoutingDecision> listener;
  private final Thread thread;
  private final Map<String, String> lastSourceByTenant = new HashMap<>();
  private final Map<String, Instant> firstBySource = new HashMap<>();
  private Set<String> watched = Set.of();
  private Instant watchedAfter = Instant.MAX;
  private String watchedNotFrom;
  private Instant firstWatched;
  private volatile boolean running = true;

  DecisionFeed(Set<String> tenants, Consumer<RoutingDecision> listener) {
    this.tenants = Set.copyOf(tenants);
    this.listener = listener;
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-desk-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), Topics.ROUTING_DECISIONS.valueSerde().deserializer());
    thread = new Thread(this::run, "crash-decision-feed");
  }

  void start() {
    consumer.subscribe(List.of(Topics.ROUTING_DECISIONS.name()));
    thread.start();
  }

  /** The instance that wrote the latest decision seen for each tenant. */
  synchronized Map<String, String> owners() {
    return Map.copyOf(lastSourceByTenant);
  }

  /**
   * From now on, looks for the earliest decision for one of {@code someTenants} taken after
   * {@code after} by an instance other than {@code notFrom}.
   */
  synchronized void watch(Set<String> someTenants, Instant after, String notFrom) {
    watched = Set.copyOf(someTenants);
    watchedAfter = after;
    watchedNotFrom = notFrom;
    firstWatched = null;
  }

  /** The {@code occurredAt} of the earliest decision {@link #watch} looks for, once seen. */
  synchronized Optional<Instant> firstWatched() {
    return Optional.ofNullable(firstWatched);
  }

  /** The {@code occurredAt} of the first decision written by instance {@code source}, once seen. */
  synchronized Optional<Instant> firstFrom(String source) {
    return Optional.ofNullable(firstBySource.get(source));
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, RoutingDecision> record : consumer.poll(Duration.ofMillis(100))) {
          RoutingDecision decision = record.value();
          if (decision != null && tenants.contains(decision.getTenantId())) {
            seen(decision);
            listener.accept(decision);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  private synchronized void seen(RoutingDecision decision) {
    lastSourceByTenant.put(decision.getTenantId(), decision.getSource());
    firstBySource.putIfAbsent(decision.getSource(), decision.getOccurredAt());
    if (watched.contains(decision.getTenantId()) && decision.getOccurredAt().isAfter(watchedAfter)
        && !decision.getSource().equals(watchedNotFrom)
        && (firstWatched == null || decision.getOccurredAt().isBefore(firstWatched))) {
      firstWatched = decision.getOccurredAt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
