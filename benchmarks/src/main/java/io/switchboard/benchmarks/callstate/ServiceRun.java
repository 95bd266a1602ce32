package io.switchboard.benchmarks.callstate;

import io.switchboard.callstate.CallStateApplication;
import io.switchboard.callstate.replay.Replay;
import io.switchboard.callstate.replay.ReplayCommand;
import io.switchboard.callstate.replay.ReplayPhase;
import io.switchboard.callstate.replay.ReplayStatus;
import io.switchboard.testsupport.TestDatabase;
import io.switchboard.testsupport.TestIssuer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real call-state service on a fresh database, reading the topics from their beginning: the
 * time from its start until the offsets it committed to {@code consumer_offsets} (in the same
 * transaction as the rows) reach the topics' end offsets.
 */
final class ServiceRun {

  private static final Logger log = LoggerFactory.getLogger(ServiceRun.class);

  /**
   * Start-up (Spring context, Flyway, R2DBC pool, consumer) and the whole read, in nanoseconds; then
   * the replay, if run: its time from request to switch-over, and its status at the end.
   */
  record Timing(long startupNanos, long totalNanos, Long replayNanos, ReplayStatus replay) {}

  private ServiceRun() {}

  static Timing run(TestDatabase database, String bootstrap, Map<TopicPartition, Long> ends,
      ProjectionOptions options) throws Exception {
    long total = TopicEnds.total(ends);
    // Logback is configured by now; Spring Boot takes the same file as logging.config and would warn about this.
    System.clearProperty("logback.configurationFile");
    long start = System.nanoTime();
    ConfigurableApplicationContext context = CallStateApplication.application().run(
        "--server.port=0",
        "--spring.r2dbc.url=" + database.r2dbcUrl(),
        "--spring.r2dbc.username=" + database.user(),
        "--spring.r2dbc.password=" + database.password(),
        "--spring.flyway.url=" + database.jdbcUrl(),
        "--switchboard.kafka.bootstrap-servers=" + bootstrap,
        "--switchboard.housekeeping.enabled=false",
        // The benchmark reads no HTTP API, but the service starts only with an issuer to check tokens against.
        "--switchboard.security.issuer-uri=" + TestIssuer.shared().issuerUri(),
        "--switchboard.projection.max-poll-records=" + options.maxPollRecords(),
        "--logging.config=classpath:logback-call-state-projection.xml");
    long started = System.nanoTime();
    log.info("call-state service started in {} ms; projecting {} events", (started - start) / 1_000_000, total);
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
        database.password()); Statement statement = connection.createStatement()) {
      long done = Progress.await("projection", total, start, () -> committed(statement, ends), () -> {
        if (!context.isActive()) {
          throw new IllegalStateException("the call-state service stopped");
        }
      }, options);
      if (!options.replay()) {
        return new Timing(started - start, done - start, null, null);
      }
      long replayStart = System.nanoTime();
      ReplayStatus replayed = replay(context.getBean(Replay.class), options);
      return new Timing(started - start, done - start, System.nanoTime() - replayStart, replayed);
    } finally {
      context.close();
    }
  }

  /** Runs the service's replay to its end, logging its progress; returns its last status. */
  private static ReplayStatus replay(Replay replay, ProjectionOptions options) throws InterruptedException {
    log.info("Replaying the projection into fresh tables");
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(options.timeoutSeconds());
    long nextReport = start;
    replay.begin();
    while (replay.status().active()) {
      long now = System.nanoTime();
      if (now > deadline) {
        throw new IllegalStateException("replay: not done after " + options.timeoutSeconds() + " s: "
            + ReplayCommand.describe(replay.status()));
      }
      if (now >= nextReport) {
        log.info("replay: {}", ReplayCommand.describe(replay.status()));
        nextReport = now + TimeUnit.SECONDS.toNanos(options.progressSeconds());
      }
      Thread.sleep(100); // a benchmark's wait: the sampling period bounds the error of the end time
    }
    ReplayStatus status = replay.status();
    log.info("replay: {}", ReplayCommand.describe(status));
    if (status.phase() != ReplayPhase.DONE) {
      throw new IllegalStateException("replay ended " + status.phase() + ": " + status.error());
    }
    return status;
  }

  /** Events read and committed: per partition, the stored next offset (capped at the end). */
  private static long committed(Statement statement, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> stored = new HashMap<>();
    try (ResultSet rows = statement.executeQuery("SELECT topic, partition, next_offset FROM consumer_offsets")) {
      while (rows.next()) {
        stored.put(new TopicPartition(rows.getString(1), rows.getInt(2)), rows.getLong(3));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading consumer_offsets failed", e);
    }
    long sum = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      sum += Math.min(end.getValue(), stored.getOrDefault(end.getKey(), 0L));
    }
    return sum;
  }
}
