package io.switchboard.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real coturn TURN server on loopback with the shared-secret credentials of
 * {@code use-auth-secret}, as the deployment guide configures it (docs/webrtc.md). Needs the
 * {@code turnserver} program ({@link SystemTools}).
 */
public final class Coturn implements AutoCloseable {

  public static final String REALM = "switchboard.test";

  private final Process process;
  private final int port;
  private final Path log;

  private Coturn(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts coturn on a free UDP and TCP port of 127.0.0.1 and waits until it answers STUN. */
  public static Coturn start(String secret) throws IOException {
    Path turnserver = SystemTools.require("turnserver", "coturn");
    int port = freePort();
    int relayFrom = freePort();
    Path log = Files.createTempFile("coturn-", ".log");
    List<String> command = List.of(turnserver.toString(), "-n",
        "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
        "--min-port=" + relayFrom, "--max-port=" + (relayFrom + 20),
        "--use-auth-secret", "--static-auth-secret=" + secret, "--realm=" + REALM,
        "--no-tls", "--no-dtls", "--no-cli", "--allow-loopback-peers", "--no-software-attribute",
        "--log-file=" + log, "--simple-log", "--pidfile=" + log.resolveSibling(log.getFileName() + ".pid"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    Coturn coturn = new Coturn(process, port, log);
    try {
      Poll.until(Duration.ofSeconds(20), "coturn to answer a STUN binding on port " + port, () -> {
        if (!process.isAlive()) {
          throw new IllegalStateException("coturn exited with " + process.exitValue() + ": " + coturn.log());
        }
        try (TurnClient client = new TurnClient(InetAddress.getLoopbackAddress(), port)) {
          return client.binding() ? true : null;
        } catch (IOException notYet) {
          return null;
        }
      });
    } catch (RuntimeException | Error e) {
      coturn.close();
      throw e;
    }
    return coturn;
  }

  public int port() {
    return port;
  }

  /** What coturn wrote, for a failure's message. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A port free for both UDP and TCP on loopback at the time of asking. */
  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = tcp.getLocalPort();
        if (port > 65_000) {
          continue;
        }
        try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
          return port;
        } catch (IOException taken) {
          // Taken for UDP: try another.
        }
      }
    }
    throw new IOException("No free port for coturn");
  }
}
