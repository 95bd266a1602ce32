package io.switchboard.gateway.events;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.SmartLifecycle;

/**
 * A Kafka consumer on a thread of its own, from the start of the application context to its close:
 * the start, the wake-up on stop and the close that every reader of the gateway shares. Values stay
 * bytes, so that each reader decodes them itself and skips what it cannot decode.
 */
public abstract class ConsumerThread implements SmartLifecycle {

  private final Properties config;
  private final String threadName;
  private volatile boolean running;
  private volatile Thread thread;
  private volatile KafkaConsumer<String, byte[]> consumer;

  protected ConsumerThread(Properties config, String threadName) {
    this.config = config;
    this.threadName = threadName;
  }

  /** Subscribes or assigns, then polls while {@link #isRunning()}; a wake-up ends it on stop. */
  protected abstract void consume(KafkaConsumer<String, byte[]> consumer);

  /** The consumer failed: {@code e} ends the thread after this. */
  protected abstract void failed(RuntimeException e);

  /** The thread ended, by a stop or a failure. */
  protected void stopped() {}

  /** The consumer, for callbacks that run on its thread (e.g. a rebalance listener). */
  protected KafkaConsumer<String, byte[]> consumer() {
    return consumer;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    running = true;
    thread = new Thread(this::loop, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    KafkaConsumer<String, byte[]> kafka = consumer;
    try {
      consume(kafka);
    } catch (WakeupException e) {
      // stop() woke the consumer up: the normal way out of poll().
    } catch (RuntimeException e) {
      failed(e);
    } finally {
      kafka.close(Duration.ofSeconds(2));
      running = false;
      stopped();
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
}
