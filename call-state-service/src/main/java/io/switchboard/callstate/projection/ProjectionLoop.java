package io.switchboard.callstate.projection;

import io.switchboard.callstate.projection.BatchWriter.Outcome;
import io.switchboard.callstate.projection.BatchWriter.Prepared;
import io.switchboard.callstate.projection.CallFold.Rejection;
import io.switchboard.callstate.projection.ParticipantFold.OverLimit;
import io.switchboard.schemas.topics.Topic;
import io.switchboard.schemas.topics.TopicCreator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Reads the event topics into the database, one transaction per batch, as a reactive chain: poll on
 * a dedicated thread (the consumer is not thread-safe), take a batch in timestamp order across the
 * partitions ({@link TimestampMerge}), prepare it, write it with R2DBC,
 * repeat until stopped; the next batch is prepared while one is written. On any failure it seeks
 * back to the offsets stored in the database and tries again after a growing pause, so a failed
 * batch is read again, never skipped.
 */
public final class ProjectionLoop implements SmartLifecycle {

  /**
   * How far the loop has got, for replay's progress and switch-over.
   *
   * @param phase what the loop is doing (see {@link ProjectionStatus.Phase})
   * @param records records read and committed since this loop was created (duplicates and records
   *     set aside included)
   * @param committed per partition, the next offset to read, as committed with the rows
   * @param lag records between the committed positions and the ends of the partitions at the last
   *     poll; -1 until known
   * @param lastError the last failure while not running, or null
   */
  public record Progress(String phase, long records, Map<TopicPartition, Long> committed, long lag,
      String lastError) {}

  private static final Logger log = LoggerFactory.getLogger(ProjectionLoop.class);

  private final KafkaClients kafka;
  private final RecordDecoder decoder;
  private final BatchWriter writer;
  private final OffsetStore offsets;
  private final ProjectionMetrics metrics;
  private final ProjectionStatus status;
  private final ProjectionProperties properties;
  private final Level warnings;

  private final Object lifecycle = new Object();
  private volatile boolean running;
  private volatile boolean topicsReady;
  private volatile Scheduler pollThread;
  private volatile Consumer<String, byte[]> consumer;
  private volatile Admin admin;
  private volatile Disposable loop;
  private volatile CountDownLatch terminated;
  private volatile Sinks.Empty<Void> stopSignal;
  private volatile long records;
  private volatile long lag = -1;
  private volatile Map<TopicPartition, Long> committedOffsets = Map.of();
  // The poll thread's: records polled, not yet in a batch, and since when it waits for a partition's.
  private final TimestampMerge merge = new TimestampMerge();
  private long waitingSince = -1;

  /**
   * {@code live}: whether this loop writes the tables the service serves. A rebuild's loop reads
   * events the live one has already read, so what they say wrong is logged at DEBUG, not again as a
   * warning.
   */
  ProjectionLoop(KafkaClients kafka, RecordDecoder decoder, BatchWriter writer, OffsetStore offsets,
      ProjectionMetrics metrics, ProjectionStatus status, ProjectionProperties properties, boolean live) {
    this.kafka = kafka;
    this.decoder = decoder;
    this.writer = writer;
    this.offsets = offsets;
    this.metrics = metrics;
    this.status = status;
    this.properties = properties;
    this.warnings = live ? Level.WARN : Level.DEBUG;
  }

  @Override
  public void start() {
    synchronized (lifecycle) {
      if (running) {
        return;
      }
      running = true;
      status.starting();
      if (pollThread == null || pollThread.isDisposed()) {
        pollThread = Schedulers.newSingle("callstate-projection", true);
      }
      stopSignal = Sinks.empty();
      CountDownLatch done = new CountDownLatch(1);
      terminated = done;
      loop = connectAndSeek().thenMany(batches())
          .retryWhen(Retry.from(signals -> signals.concatMap(this::retryAfterPause)))
          .doFinally(signal -> done.countDown())
          .subscribe(outcome -> { }, this::ended, status::stopped);
    }
  }

  @Override
  public void stop() {
    halt();
    if (pollThread != null && !pollThread.isDisposed()) {
      closeConsumer();
      pollThread.dispose();
      log.info("Projection stopped");
    }
  }

  /** Ends the loop once its batch in flight has committed; keeps the consumer and its thread. */
  private void halt() {
    synchronized (lifecycle) {
      if (!running) {
        return;
      }
      running = false;
    }
    stopSignal.tryEmitEmpty();
    Admin currentAdmin = admin;
    if (currentAdmin != null) {
      currentAdmin.close(Duration.ZERO);
    }
    Consumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (!await(terminated)) {
      log.warn("Projection batch still running after {}; abandoning it (its transaction rolls back)",
          properties.shutdownTimeout());
      loop.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Stops reading once the batch in flight has committed, and reports the projection as paused. The
   * consumer stays open (closing it waits for its fetch in flight), so {@link #start()} resumes at
   * once, from the stored offsets.
   */
  public void pause() {
    halt();
    status.paused();
  }

  /** Where the loop is; safe to call from any thread. */
  public Progress progress() {
    ProjectionStatus.Snapshot snapshot = status.snapshot();
    return new Progress(snapshot.phase().name(), records, committedOffsets, lag, snapshot.lastError());
  }

  private Mono<Integer> connectAndSeek() {
    return Mono.fromCallable(this::assign).subscribeOn(pollThread)
        .flatMap(partitions -> offsets.load().publishOn(pollThread).map(stored -> {
          writer.forget();
          committedOffsets = Map.copyOf(stored);
          return seek(partitions, stored);
        }))
        .doOnNext(status::running);
  }

  /**
   * Polls, prepares and writes batch after batch. The next batch is polled and prepared (decoded,
   * its calls folded) while one is written (prefetch 1): the service and the database work at the
   * same time instead of taking turns. Batches still commit one after the other, in order.
   */
  private Flux<Outcome> batches() {
    return Mono.fromCallable(this::poll).subscribeOn(pollThread)
        .flatMap(polled -> polled.isEmpty() ? Mono.<Ready>empty() : prepare(polled))
        .repeat(() -> running)
        .concatMap(this::write, 1);
  }

  /** A batch prepared, and how many records were polled for it. */
  private record Ready(Prepared prepared, int records) {}

  private Mono<Ready> prepare(List<ConsumerRecord<String, byte[]>> polled) {
    DecodedBatch batch = decoder.decode(polled);
    return writer.prepare(batch, pollThread).map(prepared -> new Ready(prepared, polled.size()));
  }

  private Mono<Outcome> write(Ready ready) {
    return writer.write(ready.prepared()).doOnNext(outcome -> {
      Map<TopicPartition, Long> next = new HashMap<>(committedOffsets);
      next.putAll(ready.prepared().batch().nextOffsets());
      committedOffsets = Map.copyOf(next);
      records += ready.records();
      committed(outcome);
    });
  }

  private List<TopicPartition> assign() {
    status.starting();
    ensureTopics();
    if (consumer == null) {
      consumer = kafka.consumer();
    } else {
      clearWakeup();
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (Topic<?> topic : RecordDecoder.TOPICS) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic.name());
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("Topic " + topic.name() + " has no partitions yet");
      }
      infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
    }
    consumer.assign(partitions);
    return partitions;
  }

  /**
   * A pause wakes the consumer; if no poll was running then, the wakeup waits for the next call and
   * would fail it. Spent here, with a poll whose records the seek that follows discards (a consumer
   * without partitions yet cannot poll, and was never woken by a pause).
   */
  private void clearWakeup() {
    if (consumer.assignment().isEmpty()) {
      return;
    }
    try {
      consumer.poll(Duration.ZERO);
    } catch (WakeupException e) {
      log.debug("Cleared the wakeup left by a pause");
    }
  }

  private void ensureTopics() {
    if (topicsReady) {
      return;
    }
    Admin created = kafka.admin();
    admin = created;
    try {
      TopicCreator.ensure(created, RecordDecoder.TOPICS, kafka.properties().topicSettings());
      topicsReady = true;
    } finally {
      admin = null;
      created.close(Duration.ofSeconds(5));
    }
  }

  /** Resumes each partition after the last offset committed to the database, or from its beginning. */
  private int seek(List<TopicPartition> partitions, Map<TopicPartition, Long> stored) {
    merge.clear();
    waitingSince = -1;
    consumer.resume(consumer.paused());
    for (TopicPartition partition : partitions) {
      Long next = stored.get(partition);
      if (next == null) {
        consumer.seekToBeginning(List.of(partition));
      } else {
        consumer.seek(partition, next);
      }
    }
    log.info("Projection reading {} partitions, {} resumed from stored offsets", partitions.size(), stored.size());
    return partitions.size();
  }

  /**
   * The next batch: polls, then hands out what the {@link TimestampMerge} lets through, in timestamp
   * order across the partitions. A partition holding two batches' worth of records is not fetched
   * from until the merge has taken some. When the merge waits for a partition's records and they
   * have not come within {@code max-align-wait}, the batch goes without them.
   */
  private List<ConsumerRecord<String, byte[]>> poll() {
    try {
      int max = properties.maxPollRecords();
      // Enough held for a batch: only pick up what has been fetched meanwhile, without waiting.
      Duration timeout = merge.size() >= max && waitingSince < 0 ? Duration.ZERO : properties.pollTimeout();
      merge.add(consumer.poll(timeout));
      Set<TopicPartition> full = merge.holdingAtLeast(2 * max);
      Set<TopicPartition> drained = new HashSet<>(consumer.paused());
      drained.removeAll(full);
      consumer.pause(full);
      consumer.resume(drained);
      List<ConsumerRecord<String, byte[]>> batch = merge.take(max, consumer.assignment(), this::hasMore, false);
      if (!batch.isEmpty() || merge.size() == 0) {
        waitingSince = -1;
      } else if (waitingSince < 0) {
        waitingSince = System.nanoTime();
      } else if (System.nanoTime() - waitingSince >= properties.maxAlignWait().toNanos()) {
        log.debug("Projection batch taken without the partitions it waited {} for", properties.maxAlignWait());
        batch = merge.take(max, consumer.assignment(), this::hasMore, true);
        waitingSince = -1;
      }
      long behind = lag();
      lag = behind < 0 ? -1 : behind + merge.size();
      return batch;
    } catch (WakeupException e) {
      if (!running) {
        return List.of();
      }
      throw e;
    }
  }

  /** Whether the consumer knows of records of the partition past its position. */
  private boolean hasMore(TopicPartition partition) {
    OptionalLong behind = consumer.currentLag(partition);
    return behind.isPresent() && behind.getAsLong() > 0;
  }

  /** Records after the consumer's position up to the partitions' ends, as far as it knows; -1 if unknown. */
  private long lag() {
    long total = 0;
    for (TopicPartition partition : consumer.assignment()) {
      OptionalLong behind = consumer.currentLag(partition);
      if (behind.isEmpty()) {
        return -1;
      }
      total += behind.getAsLong();
    }
    return total;
  }

  /** Counts and logs what a batch did, once its transaction has committed. */
  private void committed(Outcome outcome) {
    metrics.projected(outcome.projectedEvents());
    outcome.dropReasons().forEach(metrics::dropped);
    for (Rejection rejection : outcome.rejections()) {
      metrics.illegalTransition();
      MDC.put("callId", rejection.callId());
      try {
        log.atLevel(warnings).log(
            "Illegal transition {} -> {} by {} {} not applied, and the call has ended (tenant {})",
            rejection.from(), rejection.to(), rejection.type(), rejection.eventId(), rejection.tenantId());
      } finally {
        MDC.remove("callId");
      }
    }
    for (OverLimit over : outcome.overLimit()) {
      metrics.participantOverLimit();
      MDC.put("callId", over.callId());
      try {
        log.atLevel(warnings).log(
            "Participant {} joined as the {}th present (limit {}); recorded anyway (tenant {}, event {})",
            over.participantId(), over.present(), ParticipantFold.MAX_PRESENT, over.tenantId(), over.eventId());
      } finally {
        MDC.remove("callId");
      }
    }
    status.batchApplied();
  }

  private Mono<Long> retryAfterPause(Retry.RetrySignal signal) {
    Throwable error = signal.failure();
    if (!running) {
      return Mono.error(error);
    }
    Duration pause = pause(signal.totalRetriesInARow());
    status.retrying(error);
    log.warn("Projection failed; resuming from the stored offsets in {}", pause, error);
    return Mono.delay(pause, pollThread).takeUntilOther(stopSignal.asMono()).switchIfEmpty(Mono.error(error));
  }

  private Duration pause(long failuresInARow) {
    Duration pause = properties.minBackoff().multipliedBy(1L << Math.min(failuresInARow, 20));
    return pause.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : pause;
  }

  private void ended(Throwable error) {
    if (!running) {
      status.stopped();
      return;
    }
    log.error("Projection loop died; the projection no longer advances", error);
    status.died(error);
  }

  private void closeConsumer() {
    CountDownLatch closed = new CountDownLatch(1);
    pollThread.schedule(() -> {
      try {
        Consumer<String, byte[]> current = consumer;
        consumer = null;
        if (current != null) {
          current.close(Duration.ofSeconds(5));
        }
      } catch (RuntimeException e) {
        log.warn("Closing the projection consumer failed", e);
      } finally {
        closed.countDown();
      }
    });
    if (!await(closed)) {
      log.warn("Projection consumer did not close within {}", properties.shutdownTimeout());
    }
  }

  private boolean await(CountDownLatch latch) {
    try {
      return latch.await(properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
