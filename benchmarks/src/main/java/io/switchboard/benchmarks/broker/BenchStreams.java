package io.switchboard.benchmarks.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka Streams application of the run, configured as routing-streams configures its own
 * (io.switchboard.routing.streams.StreamsConfigs: exactly-once v2, one stream thread, replication
 * factor 1, reading from the earliest offset) with the commit interval of the run.
 */
final class BenchStreams implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BenchStreams.class);
  private static final String STREAMS_PREFIX = "bench.streams.";

  private final KafkaStreams streams;
  private final String applicationId;

  private BenchStreams(KafkaStreams streams, String applicationId) {
    this.streams = streams;
    this.applicationId = applicationId;
  }

  /** Starts {@code topology} and waits until it is RUNNING. */
  static BenchStreams start(Topology topology, String applicationId, String bootstrap, Path stateDir,
      int commitIntervalMs) throws InterruptedException {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // Experiments with other Kafka Streams settings, the same for routing and the baseline:
    // -Dbench.streams.<property>=<value> (e.g. -Dbench.streams.poll.ms=10).
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith(STREAMS_PREFIX))
        .forEach(name -> props.put(name.substring(STREAMS_PREFIX.length()), System.getProperty(name)));
    KafkaStreams streams = new KafkaStreams(topology, props);
    streams.setUncaughtExceptionHandler(error -> {
      log.error("Stream thread of {} failed", applicationId, error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    long start = System.nanoTime();
    streams.start();
    Duration timeout = Duration.ofSeconds(120);
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (streams.state().hasCompletedShutdown() || streams.state() == KafkaStreams.State.ERROR
          || System.nanoTime() - start > timeout.toNanos()) {
        streams.close(Duration.ofSeconds(10));
        throw new IllegalStateException(applicationId + " did not reach RUNNING: " + streams.state());
      }
      Thread.sleep(50);
    }
    log.info("{} RUNNING after {} ms", applicationId, (System.nanoTime() - start) / 1_000_000);
    return new BenchStreams(streams, applicationId);
  }

  /** Throws if the application stopped (e.g. a failed stream thread): its figures would be void. */
  void checkRunning() {
    KafkaStreams.State state = streams.state();
    if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
      throw new IllegalStateException(applicationId + " is " + state);
    }
  }

  @Override
  public void close() {
    if (!streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
      log.warn("{} did not close within 30 s", applicationId);
    }
  }
}
