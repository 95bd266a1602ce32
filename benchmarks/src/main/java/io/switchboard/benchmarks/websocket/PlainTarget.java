package io.switchboard.benchmarks.websocket;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** The baseline server ({@link PlainWebSocketServer}) in a JVM of its own, on this JVM's class path. */
final class PlainTarget implements PushTarget {

  private final ServerProcess process;
  private final int port;
  private final List<String> jvmOptions;
  private final long clockGapNanos;

  private PlainTarget(ServerProcess process, int port, List<String> jvmOptions, long clockGapNanos) {
    this.process = process;
    this.port = port;
    this.jvmOptions = jvmOptions;
    this.clockGapNanos = clockGapNanos;
  }

  static PlainTarget start(List<String> jvmOptions, int maxSessions, Path logs) throws IOException {
    int port = ServerProcess.freePort();
    List<String> arguments = List.of("-cp", System.getProperty("java.class.path"),
        PlainWebSocketServer.class.getName(), Integer.toString(port), Integer.toString(maxSessions));
    ServerProcess process = ServerProcess.start(jvmOptions, arguments, logs.resolve("plain-server.log"), true);
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
    return new PlainTarget(process, port, jvmOptions, gap);
  }

  @Override
  public String name() {
    return "plain Reactor Netty";
  }

  @Override
  public URI uri() {
    return URI.create("ws://127.0.0.1:" + port + "/ws");
  }

  @Override
  public FixedRate.Sent push(char phase, int perSecond, int seconds) throws IOException {
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
    return "plain server: java " + String.join(" ", jvmOptions) + " " + PlainWebSocketServer.class.getSimpleName()
        + " (clocks of the two JVMs " + clockGapNanos / 1000 + " µs apart at start, the pipe's delay included); log "
        + process.log();
  }

  @Override
  public void close() {
    process.close();
  }
}
