package io.switchboard.callstate.replay;

import io.switchboard.callstate.projection.ProjectionLoop;
import io.switchboard.callstate.projection.ProjectionLoop.Progress;
import io.switchboard.callstate.projection.Projections;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * One replay, run on its own thread from start to end: prepare the rebuild schema, rebuild, switch
 * over. It reports through {@code update}; a count-down of {@code cancelled} ends it at its next pause.
 */
final class ReplayRun {

  private static final Logger log = LoggerFactory.getLogger(ReplayRun.class);

  /** Thrown to end a run that was cancelled. */
  private static final class Cancelled extends RuntimeException {
    Cancelled() {
      super("cancelled", null, false, false);
    }
  }

  private final ProjectionLoop liveLoop;
  private final DatabaseClient liveDb;
  private final ReplaySchemas schemas;
  private final Supplier<RebuildTables> tables;
  private final Projections projections;
  private final ReplayProperties properties;
  private final Clock clock;
  private final Consumer<UnaryOperator<ReplayStatus>> update;
  private final CountDownLatch cancelled;
  private final ReplayRate rate = new ReplayRate(Duration.ofSeconds(10));
  private Progress lastProgress = new Progress("STARTING", 0, Map.of(), -1, null);

  ReplayRun(ProjectionLoop liveLoop, DatabaseClient liveDb, ReplaySchemas schemas, Supplier<RebuildTables> tables,
      Projections projections, ReplayProperties properties, Clock clock,
      Consumer<UnaryOperator<ReplayStatus>> update, CountDownLatch cancelled) {
    this.liveLoop = liveLoop;
    this.liveDb = liveDb;
    this.schemas = schemas;
    this.tables = tables;
    this.projections = projections;
    this.properties = properties;
    this.clock = clock;
    this.update = update;
    this.cancelled = cancelled;
  }

  void run() {
    RebuildTables rebuild = null;
    ProjectionLoop loop = null;
    boolean swapped = false;
    try {
      String liveSchema = schemas.liveSchema().block(Duration.ofSeconds(30));
      update.accept(s -> new ReplayStatus(s.phase(), s.startedAt(), null, 0, 0, -1, null, null, liveSchema, null, null,
          null));
      log.info("Replay started: rebuilding the projection in schema {} while {} serves", properties.rebuildSchema(),
          liveSchema);
      schemas.prepare();
      rebuild = tables.get();
      loop = projections.rebuild(rebuild.db(), rebuild.transactions());
      loop.start();
      phase(ReplayPhase.REBUILDING);
      awaitCaughtUp(loop);
      phase(ReplayPhase.SWITCHING);
      swapped = switchOver(loop, liveSchema);
      Progress last = lastProgress;
      Instant finished = clock.instant();
      update.accept(s -> new ReplayStatus(ReplayPhase.DONE, s.startedAt(), finished, last.records(),
          average(last.records(), s.startedAt(), finished), 0, 0L, 100.0, liveSchema, properties.retiredSchema(),
          s.pausedMillis(), null));
      log.info("Replay done: {} records read into new tables, now live in {}; the old ones are in {}",
          last.records(), liveSchema, properties.retiredSchema());
    } catch (Cancelled e) {
      log.info("Replay cancelled; the live tables are unchanged");
      ended(ReplayPhase.CANCELLED, null);
    } catch (RuntimeException e) {
      log.error("Replay failed; the live tables are unchanged", e);
      ended(ReplayPhase.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      if (loop != null) {
        loop.stop();
      }
      if (rebuild != null) {
        rebuild.close();
      }
      if (!swapped) {
        dropQuietly();
      }
    }
  }

  /** Samples the rebuild until it is within {@code switchLag} records of the ends of the topics. */
  private void awaitCaughtUp(ProjectionLoop loop) {
    Instant nextLog = clock.instant().plus(properties.logInterval());
    while (true) {
      pause(properties.progressInterval());
      Progress progress = sample(loop);
      if (clock.instant().isAfter(nextLog)) {
        nextLog = clock.instant().plus(properties.logInterval());
        Duration eta = rate.eta(progress.lag());
        log.info("Replay: {} records, {} events/s, lag {}, ETA {} s", progress.records(), Math.round(rate.perSecond()),
            progress.lag(), eta == null ? "?" : eta.toSeconds());
      }
      if (progress.lag() >= 0 && progress.lag() <= properties.switchLag()) {
        return;
      }
    }
  }

  /**
   * Pauses the live projection, lets the rebuild read up to at least the offsets the live tables
   * hold, swaps the tables and resumes the live projection (from the new tables' offsets if the swap
   * committed, from the old ones' otherwise). Returns whether the swap committed.
   */
  private boolean switchOver(ProjectionLoop loop, String liveSchema) {
    Instant paused = clock.instant();
    liveLoop.pause();
    Instant livePaused = clock.instant();
    boolean swapped = false;
    try {
      Map<TopicPartition, Long> target = Projections.storedOffsets(liveDb).block(Duration.ofSeconds(30));
      Instant deadline = paused.plus(properties.switchTimeout());
      while (!reached(sample(loop).committed(), target)) {
        if (clock.instant().isAfter(deadline)) {
          throw new IllegalStateException("The rebuild did not reach the live offsets within "
              + properties.switchTimeout() + "; the old tables stay live");
        }
        pause(Duration.ofMillis(20));
      }
      Instant reachedAt = clock.instant();
      loop.pause(); // closed once the live projection runs again (run's finally)
      Instant rebuildPaused = clock.instant();
      schemas.swap(liveSchema).block(properties.lockTimeout().plusSeconds(30));
      log.info("Switch-over: live projection paused in {} ms, rebuild at its offsets {} ms later and paused in {} "
          + "ms, tables swapped in {} ms", millis(paused, livePaused), millis(livePaused, reachedAt),
          millis(reachedAt, rebuildPaused), millis(rebuildPaused, clock.instant()));
      swapped = true;
      return true;
    } finally {
      liveLoop.start();
      long pausedMillis = Duration.between(paused, clock.instant()).toMillis();
      update.accept(s -> new ReplayStatus(s.phase(), s.startedAt(), s.finishedAt(), s.records(), s.eventsPerSecond(),
          s.lag(), s.etaSeconds(), s.percent(), s.liveSchema(), s.retiredSchema(), pausedMillis, s.error()));
      log.info("Live projection resumed after a pause of {} ms ({})", pausedMillis,
          swapped ? "new tables" : "old tables");
    }
  }

  private static long millis(Instant from, Instant to) {
    return Duration.between(from, to).toMillis();
  }

  /** The rate over the whole replay, start-up included, once it is done. */
  private static double average(long records, Instant from, Instant to) {
    long millis = Duration.between(from, to).toMillis();
    return millis <= 0 ? 0 : records * 1000.0 / millis;
  }

  private static boolean reached(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> entry : target.entrySet()) {
      Long at = committed.get(entry.getKey());
      if (at == null || at < entry.getValue()) {
        return false;
      }
    }
    return true;
  }

  private Progress sample(ProjectionLoop loop) {
    Progress progress = loop.progress();
    if ("DIED".equals(progress.phase())) {
      throw new IllegalStateException("The rebuild's projection died: " + progress.lastError());
    }
    lastProgress = progress;
    rate.sample(clock.instant(), progress.records());
    Duration eta = rate.eta(progress.lag());
    Double percent = progress.lag() < 0 ? null
        : progress.records() + progress.lag() == 0 ? 100.0
        : 100.0 * progress.records() / (progress.records() + progress.lag());
    double perSecond = rate.perSecond();
    update.accept(s -> new ReplayStatus(s.phase(), s.startedAt(), null, progress.records(), perSecond,
        progress.lag(), eta == null ? null : eta.toSeconds(), percent, s.liveSchema(), null, s.pausedMillis(), null));
    return progress;
  }

  private void phase(ReplayPhase phase) {
    update.accept(s -> s.withPhase(phase));
  }

  private void ended(ReplayPhase phase, String error) {
    Instant now = clock.instant();
    update.accept(s -> new ReplayStatus(phase, s.startedAt(), now, s.records(), s.eventsPerSecond(), s.lag(), null,
        s.percent(), s.liveSchema(), null, s.pausedMillis(), error));
  }

  private void pause(Duration interval) {
    try {
      if (cancelled.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new Cancelled();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancelled();
    }
  }

  private void dropQuietly() {
    try {
      schemas.dropRebuild().block(Duration.ofMinutes(5));
    } catch (RuntimeException e) {
      log.warn("Dropping the unfinished rebuild schema {} failed; the next replay drops it",
          properties.rebuildSchema(), e);
    }
  }

}
