package io.switchboard.routing.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.switchboard.routing.queue.RoutingTopology;
import io.switchboard.routing.stats.QueueStatsTopology;
import io.switchboard.schemas.topics.TopicCreator;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the routing topology: creates the topics it needs, starts {@link KafkaStreams} with the
 * context and closes it, within a timeout, when the context closes.
 */
final class RoutingStreams implements SmartLifecycle, RunningStreams {

  private static final Logger log = LoggerFactory.getLogger(RoutingStreams.class);

  private final Topology topology;
  private final Properties config;
  private final KafkaProperties kafka;
  private final Duration closeTimeout;
  private final MeterRegistry registry;
  private KafkaStreams streams;
  private KafkaStreamsMetrics metrics;

  RoutingStreams(Topology topology, Properties config, KafkaProperties kafka, Duration closeTimeout,
      MeterRegistry registry) {
    this.topology = topology;
    this.config = config;
    this.kafka = kafka;
    this.closeTimeout = closeTimeout;
    this.registry = registry;
  }

  @Override
  public synchronized void start() {
    if (streams != null) {
      return;
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicCreator.ensure(admin, RoutingTopology.TOPICS, kafka.topicSettings());
      TopicCreator.ensure(admin, QueueStatsTopology.TOPICS, kafka.topicSettings());
    }
    KafkaStreams created = new KafkaStreams(topology, config);
    created.setUncaughtExceptionHandler(error -> {
      // A processing error would recur on the same record: stop, and let health say DOWN.
      log.error("Routing stream thread failed; stopping the routing engine", error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    metrics = new KafkaStreamsMetrics(created);
    metrics.bindTo(registry);
    created.start();
    streams = created;
    log.info("Routing streams started as {}", config.get("application.id"));
  }

  @Override
  public synchronized void stop() {
    if (streams == null) {
      return;
    }
    // Leave the group: a restarted instance is then given the tasks at once, instead of waiting
    // for this member's session to expire while its stream thread blocks in the rebalance.
    CloseOptions options = CloseOptions.timeout(closeTimeout)
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    if (!streams.close(options)) {
      log.warn("Routing streams did not close within {}", closeTimeout);
    }
    metrics.close();
    streams = null;
    metrics = null;
    log.info("Routing streams stopped");
  }

  @Override
  public synchronized boolean isRunning() {
    return streams != null;
  }

  @Override
  public synchronized Optional<KafkaStreams> kafkaStreams() {
    return Optional.ofNullable(streams);
  }

  /** The current state, empty when not started. */
  synchronized Optional<KafkaStreams.State> state() {
    return Optional.ofNullable(streams).map(KafkaStreams::state);
  }
}
