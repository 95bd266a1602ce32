package io.switchboard.media.sip.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.media.kafka.SwitchboardProperties;
import io.switchboard.media.sip.SipEndpoints;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Follows {@code routing.decisions} and {@code call.events} from their ends, on a thread of its own and
 * without a consumer group (every instance must see the decisions about the calls it holds), and hands
 * each record to the B2BUA. The B2BUA takes INVITEs only once every partition's position is known, so
 * no decision about a call it took can be missed; on stop it ends the calls it holds.
 */
final class CallFeed implements SmartLifecycle {

  /** After the SIP stack starts, before it stops: the calls' BYEs still go out. */
  static final int PHASE = SipEndpoints.STACK_PHASE + 50;

  private static final Logger log = LoggerFactory.getLogger(CallFeed.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Properties config = new Properties();
  private final B2bua b2bua;
  private final MeterRegistry meters;
  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile CountDownLatch positioned;

  CallFeed(SwitchboardProperties properties, B2bua b2bua, MeterRegistry meters) {
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, properties.instanceId() + "-b2bua");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Routing writes its decisions in transactions: an aborted offer must not ring a phone.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    this.b2bua = b2bua;
    this.meters = meters;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    positioned = new CountDownLatch(1);
    running = true;
    Thread thread = new Thread(this::loop, "media-b2bua-feed");
    thread.setDaemon(true);
    thread.start();
    try {
      if (!positioned.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.error("routing.decisions not reachable within {}: SIP calls are refused with 503 until it is", START_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    KafkaConsumer<String, byte[]> kafka = consumer;
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(Topics.ROUTING_DECISIONS.name(), Topics.CALL_EVENTS.name())) {
        kafka.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
      kafka.assign(partitions);
      kafka.seekToEnd(partitions);
      partitions.forEach(kafka::position);
      b2bua.accepting(true);
      positioned.countDown();
      log.info("Following routing.decisions and call.events ({} partitions); taking SIP calls", partitions.size());
      while (running) {
        for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
          apply(record);
        }
      }
    } catch (WakeupException e) {
      // stop() woke the consumer up: the normal way out of poll().
    } catch (RuntimeException e) {
      b2bua.accepting(false);
      log.error("The B2BUA's feed stopped; new SIP calls are refused with 503", e);
    } finally {
      kafka.close(Duration.ofSeconds(2));
      running = false;
    }
  }

  void apply(ConsumerRecord<String, byte[]> record) {
    try {
      if (record.topic().equals(Topics.ROUTING_DECISIONS.name())) {
        RoutingDecision decision = Topics.ROUTING_DECISIONS.valueSerde().decode(record.value());
        b2bua.onDecision(decision);
      } else {
        CallEvent event = Topics.CALL_EVENTS.valueSerde().decode(record.value());
        b2bua.onCallEvent(event);
      }
    } catch (SerializationException e) {
      log.warn("Dropped record {}-{}@{}: undecodable", record.topic(), record.partition(), record.offset());
      Counter.builder("switchboard.records.dropped").tag("topic", record.topic()).tag("reason", "undecodable")
          .register(meters).increment();
    } catch (RuntimeException e) {
      log.error("Record {}-{}@{} not applied", record.topic(), record.partition(), record.offset(), e);
    }
  }

  @Override
  public void stop() {
    b2bua.endAll("media bridge stopped");
    running = false;
    KafkaConsumer<String, byte[]> kafka = consumer;
    if (kafka != null) {
      kafka.wakeup();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
