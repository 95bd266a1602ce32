package io.switchboard.benchmarks.websocket;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.switchboard.schemas.topics.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The baselines: a plain Reactor Netty WebSocket server doing no work. It accepts any handshake at
 * {@code /ws} (no token check), keeps each session's channel, and pushes frames shaped like the
 * gateway's {@code call:incoming} to random sessions, written straight to the channel: on command
 * from a timer thread, or, given a Kafka broker, one for each record of {@code routing.decisions}
 * (read as the gateway reads it, {@code read_committed} from the end, by one consumer thread; the
 * record's key, the call id, is all it reads: no decoding, no agent lookup). Its own JVM: standard
 * input takes commands, standard output answers.
 *
 * <p>{@code java … PlainWebSocketServer <port> <max sessions> [<Kafka bootstrap servers>]};
 * commands: {@code push <phase> <per second> <seconds>} (answers {@code pushed <count> <worst
 * lateness ms> <no session>}), {@code sessions} (answers the number open), {@code missed} (records
 * read from Kafka that found no open session), and end of input to stop.
 */
public final class PlainWebSocketServer {

  private final AtomicReferenceArray<Channel> sessions;
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong missedRecords = new AtomicLong();

  private PlainWebSocketServer(int maxSessions) {
    sessions = new AtomicReferenceArray<>(maxSessions);
  }

  public static void main(String[] args) throws Exception {
    PlainWebSocketServer server = new PlainWebSocketServer(Integer.parseInt(args[1]));
    DisposableServer bound = HttpServer.create()
        .host("127.0.0.1")
        .port(Integer.parseInt(args[0]))
        .route(routes -> routes.ws("/ws", (in, out) -> {
          int slot = server.opened.getAndIncrement();
          in.withConnection(connection -> server.sessions.set(slot, connection.channel()));
          server.open.incrementAndGet();
          return in.receiveFrames().then().doFinally(signal -> {
            server.sessions.set(slot, null);
            server.open.decrementAndGet();
          });
        }, WebsocketServerSpec.builder().protocols("switchboard.v1").build()))
        .bindNow();
    if (args.length > 2) {
      server.follow(args[2]);
    }
    PrintStream answers = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    answers.println("ready " + System.nanoTime());
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = commands.readLine()) != null) {
      String[] words = line.trim().split("\\s+");
      if (words[0].equals("push")) {
        answers.println(server.push(words[1].charAt(0), Integer.parseInt(words[2]), Integer.parseInt(words[3])));
      } else if (words[0].equals("sessions")) {
        answers.println(server.open.get());
      } else if (words[0].equals("missed")) {
        answers.println(server.missedRecords.get());
      } else {
        answers.println("unknown command " + line);
      }
    }
    bound.disposeNow();
  }

  /** From now on, a frame to a random session for each record written to {@code routing.decisions}. */
  private void follow(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "websocket-benchmark-plain-" + UUID.randomUUID());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(Topics.ROUTING_DECISIONS.name()).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolved before "ready": nothing produced after it is missed
    String reservation = UUID.randomUUID().toString();
    Thread thread = new Thread(() -> {
      while (true) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          Channel channel = randomSession();
          if (channel == null) {
            missedRecords.incrementAndGet();
            continue;
          }
          channel.writeAndFlush(new TextWebSocketFrame(frame(record.key(), reservation)));
        }
      }
    }, "plain-kafka-consumer");
    thread.setDaemon(true);
    thread.start();
  }

  private static String frame(String callId, String reservation) {
    return "{\"type\":\"call:incoming\",\"data\":{\"callId\":\"" + callId
        + "\",\"queue\":\"support\",\"reservationId\":\"" + reservation
        + "\",\"expiresAt\":\"2026-12-01T00:00:30Z\",\"callback\":false}}";
  }

  private String push(char phase, int perSecond, int seconds) {
    AtomicLong missed = new AtomicLong();
    String reservation = UUID.randomUUID().toString();
    FixedRate.Sent sent = FixedRate.run(perSecond, seconds, seq -> {
      Channel channel = randomSession();
      if (channel == null) {
        missed.incrementAndGet();
        return;
      }
      String callId = new PushStamp(phase, seq, System.nanoTime()).callId();
      channel.writeAndFlush(new TextWebSocketFrame(frame(callId, reservation)));
    });
    return "pushed " + sent.count() + " " + sent.worstLateMs() + " " + missed.get();
  }

  /** A random open session, or null when a few tries find none. */
  private Channel randomSession() {
    int slots = opened.get();
    for (int attempt = 0; attempt < 100 && slots > 0; attempt++) {
      Channel channel = sessions.get(ThreadLocalRandom.current().nextInt(slots));
      if (channel != null && channel.isActive()) {
        return channel;
      }
    }
    return null;
  }
}
