package io.switchboard.routing.crash;

import io.switchboard.routing.RoutingApplication;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One routing instance as a JVM of its own, started from the test's class path, so that it can be
 * killed like a crashed server ({@code SIGKILL}: no shutdown hook, no clean close of its
 * transactions or group membership). Its output goes to a file for diagnosis.
 */
final class RoutingNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RoutingNode.class);

  private final String name;
  private final List<String> settings;
  private final Path stateDir;
  private final Path logFile;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;
  private String instanceId;
  private int port;

  /** {@code settings}: the {@code --name=value} arguments common to every instance of the run. */
  RoutingNode(String name, List<String> settings, Path stateDir, Path logFile) {
    this.name = name;
    this.settings = List.copyOf(settings);
    this.stateDir = stateDir;
    this.logFile = logFile;
  }

  /** Starts the JVM with a new instance id (the {@code source} of its decisions) and a free port. */
  void start(String newInstanceId) {
    instanceId = newInstanceId;
    port = freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        RoutingApplication.class.getName()));
    command.addAll(settings);
    command.add("--switchboard.routing.state-dir=" + stateDir);
    command.add("--switchboard.instance-id=" + instanceId);
    command.add("--server.port=" + port);
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start routing instance " + name, e);
    }
    log.info("Started {} as {} (pid {}, port {}, output {})", name, instanceId, process.pid(), port, logFile);
  }

  /** Waits until the instance's streams are RUNNING (not merely UP while rebalancing). */
  void awaitRunning(Duration timeout) {
    Poll.until(timeout, name + " RUNNING on port " + port, () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile);
      }
      HttpResponse<String> health = get("/actuator/health");
      return health.statusCode() == 200 && health.body().contains("\"state\":\"RUNNING\"") ? health : null;
    });
  }

  /** {@code kill -9}: the JVM dies at once, mid-transaction. */
  void kill() {
    ProcessHandle handle = process.toHandle();
    handle.destroyForcibly();
    handle.onExit().join();
    log.info("Killed {} ({}, pid {})", name, instanceId, handle.pid());
  }

  String instanceId() {
    return instanceId;
  }

  /** Stops the JVM politely (SIGTERM: the streams close and leave the group), forcibly if it hangs. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        log.warn("{} did not stop within 30 s; killing it", name);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private HttpResponse<String> get(String path) {
    try {
      // The health details (the streams' state) need a service token.
      return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("Authorization", "Bearer " + TestIssuer.shared().serviceToken("routing-crash-it"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
