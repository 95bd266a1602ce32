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
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads {@code routing.decisions} and {@code call.events} on a thread of its own, from start to the
 * close of the application context, and hands every record to the {@link RecordDispatcher}.
 */
final class IncomingEvents implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(IncomingEvents.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final Properties config;
  private final RecordDispatcher dispatcher;
  private final Clock clock;
  private volatile boolean running;
  private volatile Thread thread;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile ConsumerStatus status = ConsumerStatus.STOPPED;

  IncomingEvents(Properties config, RecordDispatcher dispatcher, Clock clock) {
    this.config = config;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(Topics.ROUTING_DECISIONS.name(), Topics.CALL_EVENTS.name()), new Positions());
    running = true;
    status = new ConsumerStatus(true, 0, null, null);
    thread = new Thread(this::loop, "gateway-events-" + config.getProperty("group.id"));
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    KafkaConsumer<String, byte[]> kafka = consumer;
    try {
      while (running) {
        var records = kafka.poll(POLL);
        status = status.polledAt(clock.instant(), kafka.assignment().size());
        for (ConsumerRecord<String, byte[]> record : records) {
          dispatcher.dispatch(record);
        }
      }
    } catch (WakeupException e) {
      // stop() woke the consumer up: the normal way out of poll().
    } catch (RuntimeException e) {
      log.error("Event consumer stopped; WebSocket clients get no more notifications", e);
      status = status.failed(e.toString());
    } finally {
      kafka.close(Duration.ofSeconds(2));
      running = false;
      status = status.stopped();
    }
  }

  @Override
  public void stop() {
    Thread current;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      consumer.wakeup();
      current = thread;
    }
    try {
      current.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  ConsumerStatus status() {
    return status;
  }

  /** Resolves the positions as soon as partitions are assigned, so that "latest" means "from now". */
  private final class Positions implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      partitions.forEach(consumer::position);
      status = status.polledAt(clock.instant(), consumer.assignment().size());
      log.info("Reading {} partitions from the latest offset", consumer.assignment().size());
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
