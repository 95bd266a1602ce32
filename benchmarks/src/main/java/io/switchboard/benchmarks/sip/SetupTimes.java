package io.switchboard.benchmarks.sip;

import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallRinging;
import io.switchboard.schemas.topics.Topics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's own account of each call's set-up, read from {@code call.events} (its stamps, in
 * milliseconds): INVITE in ({@code CallCreated}) → the agent's phone invited ({@code CallRinging}:
 * CallQueued written, routing's offer read back) → the phone's 200 ({@code CallAnswered}). One CSV
 * line per answered call, {@code created epoch ms,ms to ringing,ms to answered}; a failed call is
 * {@code F,created epoch ms,reason}. The script picks the lines inside each run's window.
 */
final class SetupTimes implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SetupTimes.class);

  private final KafkaConsumer<String, CallEvent> consumer;
  private final String tenantId;
  private final BufferedWriter out;
  private final Thread thread;
  private final Map<String, long[]> open = new HashMap<>();
  private volatile boolean running = true;

  SetupTimes(String bootstrap, String tenantId, Path file) throws IOException {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-sip-setup-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        Topics.CALL_EVENTS.valueSerde().deserializer());
    this.tenantId = tenantId;
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    consumer.subscribe(List.of(Topics.CALL_EVENTS.name()));
    this.thread = new Thread(this::loop, "bench-setup-times");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (running) {
        for (ConsumerRecord<String, CallEvent> record : consumer.poll(Duration.ofMillis(500))) {
          CallEvent event = record.value();
          if (event != null && tenantId.equals(event.getTenantId())) {
            apply(event);
          }
        }
        out.flush();
      }
    } catch (WakeupException e) {
      // close(): the normal way out
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      log.error("Set-up times stopped", e);
    } finally {
      consumer.close();
    }
  }

  private void apply(CallEvent event) throws IOException {
    long at = event.getOccurredAt().toEpochMilli();
    Object payload = event.getPayload();
    if (payload instanceof CallCreated) {
      open.put(event.getCallId(), new long[] {at, -1});
    } else if (payload instanceof CallRinging) {
      long[] times = open.get(event.getCallId());
      if (times != null) {
        times[1] = at;
      }
    } else if (payload instanceof CallAnswered) {
      long[] times = open.remove(event.getCallId());
      if (times != null) {
        out.write(times[0] + "," + (times[1] < 0 ? "" : times[1] - times[0]) + "," + (at - times[0]) + "\n");
      }
    } else if (payload instanceof CallEnded ended) {
      long[] times = open.remove(event.getCallId());
      if (times != null && ended.getOutcome() != CallOutcome.ENDED) {
        out.write("F," + times[0] + "," + ended.getOutcome() + " " + ended.getReason() + "\n");
      }
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.close();
  }
}
