package io.switchboard.benchmarks.websocket;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A baseline server ({@link PlainWebSocketServer}) in a JVM of its own, on this JVM's class path: pushing
 * from its own timer, or fed by Kafka (the offers written to {@code routing.decisions} here, as for the
 * gateway).
 */
final class PlainTarget implements PushTarget {

  static final String NAME = "plain Reactor Netty";
  static final String KAFKA_NAME = "plain Reactor Netty fed by Kafka";

  private final ServerProcess process;
  private final int port;
  private final List<String> jvmOptions;
  private final long clockGapNanos;
  private final OfferProducer offers;

  private PlainTarget(ServerProcess process, int port, List<String> jvmOptions, long clockGapNanos,
      OfferProducer offers) {
    this.process = process;
    this.port = port;
    this.jvmOptions = jvmOptions;
    this.clockGapNanos = clockGapNanos;
    this.offers = offers;
  }

  /** The server pushing from its own timer. */
  static PlainTarget start(List<String> jvmOptions, int maxSessions, Path logs) throws IOException {
    return start(jvmOptions, maxSessions, logs, null);
  }

  /** {@code offers}: null for the timer; else the server follows their broker, and they are the pushes. */
  static PlainTarget start(List<String> jvmOptions, int maxSessions, Path logs, OfferProducer offers)
      throws IOException {
    int port = ServerProcess.freePort();
    List<String> arguments = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
        PlainWebSocketServer.class.getName(), Integer.toString(port), Integer.toString(maxSessions)));
    if (offers != null) {
      arguments.add(offers.bootstrap());
    }
    ServerProcess process = ServerProcess.start(jvmOptions, arguments,
        logs.resolve(offers == null ? "plain-server.log" : "plain-kafka-server.log"), true);
    String ready = process.ask(null);
    long now = System.nanoTime();
    if (!ready.startsWith("ready ")) {
      throw new IllegalStateException("the plain server said " + ready + "; see " + process.log());
    }
    // Its nanoTime, read just before it wrote the line, must be a little behind ours: one clock.
    long gap = now - Long.parseLong(ready.substring(6));
    if (gap < 0 || gap > 5_000_000_000L) {
      throw new IllegalStateException("the two JVMs' System.nanoTime differ by " + gap
          + " ns: the plain server's push latencies cannot be measured across them");
    }
    return new PlainTarget(process, port, jvmOptions, gap, offers);
  }

  @Override
  public String name() {
    return offers == null ? NAME : KAFKA_NAME;
  }

  @Override
  public URI uri() {
    return URI.create("ws://127.0.0.1:" + port + "/ws");
  }

  @Override
  public FixedRate.Sent push(char phase, int perSecond, int seconds) throws IOException {
    if (offers != null) {
      FixedRate.Sent sent = FixedRate.run(perSecond, seconds, seq -> offers.offer(phase, seq));
      offers.check();
      long missed = Long.parseLong(process.ask("missed").trim());
      if (missed > 0) {
        throw new IllegalStateException(missed + " records found no open session");
      }
      return sent;
    }
    String[] answer = process.ask("push " + phase + " " + perSecond + " " + seconds).split(" ");
    if (!answer[0].equals("pushed")) {
      throw new IllegalStateException("the plain server answered " + String.join(" ", answer));
    }
    if (Long.parseLong(answer[3]) > 0) {
      throw new IllegalStateException(answer[3] + " pushes found no open session");
    }
    return new FixedRate.Sent(Long.parseLong(answer[1]), Double.parseDouble(answer[2]));
  }

  @Override
  public ServerMemory memory() throws IOException, InterruptedException {
    return ServerMemory.of(process.pid());
  }

  @Override
  public String describe() {
    return name() + ": java " + String.join(" ", jvmOptions) + " " + PlainWebSocketServer.class.getSimpleName()
        + (offers == null ? "" : " following routing.decisions")
        + " (clocks of the two JVMs " + clockGapNanos / 1000 + " µs apart at start, the pipe's delay included); log "
        + process.log();
  }

  @Override
  public void close() {
    process.close();
    if (offers != null) {
      offers.close();
    }
  }
}
