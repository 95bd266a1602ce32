package io.switchboard.gateway.events;

import io.switchboard.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code routing.decisions}, {@code call.events} and {@code signaling} on a thread of its own, from start to the
 * close of the application context, and hands every record to the {@link RecordDispatcher}.
 */
final class IncomingEvents extends ConsumerThread {

  private static final Logger log = LoggerFactory.getLogger(IncomingEvents.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final RecordDispatcher dispatcher;
  private final Clock clock;
  private volatile ConsumerStatus status = ConsumerStatus.STOPPED;

  IncomingEvents(Properties config, RecordDispatcher dispatcher, Clock clock) {
    super(config, "gateway-events-" + config.getProperty("group.id"));
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    status = new ConsumerStatus(true, 0, null, null);
    super.start();
  }

  @Override
  protected void consume(KafkaConsumer<String, byte[]> kafka) {
    kafka.subscribe(List.of(Topics.ROUTING_DECISIONS.name(), Topics.CALL_EVENTS.name(), Topics.SIGNALING.name()),
        new Positions());
    while (isRunning()) {
      var records = kafka.poll(POLL);
      status = status.polledAt(clock.instant(), kafka.assignment().size());
      for (ConsumerRecord<String, byte[]> record : records) {
        dispatcher.dispatch(record);
      }
    }
  }

  @Override
  protected void failed(RuntimeException e) {
    log.error("Event consumer stopped; WebSocket clients get no more notifications", e);
    status = status.failed(e.toString());
  }

  @Override
  protected void stopped() {
    status = status.stopped();
  }

  ConsumerStatus status() {
    return status;
  }

  /** Resolves the positions as soon as partitions are assigned, so that "latest" means "from now". */
  private final class Positions implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      partitions.forEach(consumer()::position);
      status = status.polledAt(clock.instant(), consumer().assignment().size());
      log.info("Reading {} partitions from the latest offset", consumer().assignment().size());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
  }

  /**
   * What the health endpoint shows about the consumer.
   *
   * @param running whether the consumer thread runs
   * @param assignedPartitions partitions it reads; 0 until the group has assigned them
   * @param lastPollAt when it last returned from poll
   * @param error why it stopped, if it failed
   */
  record ConsumerStatus(boolean running, int assignedPartitions, Instant lastPollAt, String error) {
    static final ConsumerStatus STOPPED = new ConsumerStatus(false, 0, null, null);

    ConsumerStatus polledAt(Instant at, int assigned) {
      return new ConsumerStatus(running, assigned, at, error);
    }

    ConsumerStatus failed(String why) {
      return new ConsumerStatus(false, 0, lastPollAt, why);
    }

    ConsumerStatus stopped() {
      return new ConsumerStatus(false, 0, lastPollAt, error);
    }
  }
}
