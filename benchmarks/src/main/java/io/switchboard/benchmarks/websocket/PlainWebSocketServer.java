package io.switchboard.benchmarks.websocket;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The baseline: a plain Reactor Netty WebSocket server doing no work. It accepts any handshake at
 * {@code /ws} (no token check, no Kafka), keeps each session's channel, and on command pushes frames
 * shaped like the gateway's {@code call:incoming} from a timer thread to random sessions, written
 * straight to the channel. Its own JVM: standard input takes commands, standard output answers.
 *
 * <p>{@code java … PlainWebSocketServer <port> <max sessions>}; commands: {@code push <phase> <per
 * second> <seconds>} (answers {@code pushed <count> <worst lateness ms> <no session>}),
 * {@code sessions} (answers the number open), and end of input to stop.
 */
public final class PlainWebSocketServer {

  private final AtomicReferenceArray<Channel> sessions;
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();

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
      } else {
        answers.println("unknown command " + line);
      }
    }
    bound.disposeNow();
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
      channel.writeAndFlush(new TextWebSocketFrame("{\"type\":\"call:incoming\",\"data\":{\"callId\":\"" + callId
          + "\",\"queue\":\"support\",\"reservationId\":\"" + reservation
          + "\",\"expiresAt\":\"2026-12-01T00:00:30Z\",\"callback\":false}}"));
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
