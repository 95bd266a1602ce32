package io.switchboard.callstate.crash;

import io.switchboard.callstate.CallStateApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call-state service as a JVM of its own, from the test's class path, so that it can be killed
 * like a crashed server ({@code SIGKILL}: no shutdown hook, the batch in flight cut off). Its output
 * is appended to a file for diagnosis.
 */
final class CallStateNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CallStateNode.class);

  private final List<String> settings;
  private final Path logFile;
  private Process process;

  CallStateNode(List<String> settings, Path logFile) {
    this.settings = List.copyOf(settings);
    this.logFile = logFile;
  }

  void start() {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        CallStateApplication.class.getName()));
    command.addAll(settings);
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the call-state service", e);
    }
    log.info("Started call-state (pid {}, output {})", process.pid(), logFile);
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** {@code kill -9}: the JVM dies at once, whatever batch it was applying. */
  void kill() {
    ProcessHandle handle = process.toHandle();
    handle.destroyForcibly();
    handle.onExit().join();
    log.info("Killed call-state (pid {})", handle.pid());
  }

  @Override
  public void close() {
    if (!alive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
