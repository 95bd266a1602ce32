package io.switchboard.standalone;

import io.switchboard.testsupport.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standalone stack as a user runs it: {@code java -jar switchboard-standalone.jar}, in a process
 * of its own, so that a test can kill it as hard as a crash does.
 */
final class StackProcess implements AutoCloseable {

  private static final Path JAR = Path.of("target", "switchboard-standalone.jar");
  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration STOP = Duration.ofSeconds(60);

  private final Process process;
  private final Path log;

  private StackProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the stack's jar with {@code options}; its output goes to a file beside the data folders. */
  static StackProcess launch(Path logFile, String... options) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(options));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(logFile.toFile()).start();
      return new StackProcess(process, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command, e);
    }
  }

  /** Waits for the banner; fails, with the output, if the process exits first. */
  StackProcess awaitUp() {
    boolean up;
    try {
      // The probe answers as soon as the process is up or gone; Poll takes exceptions for "not yet".
      up = Poll.until(START, "the stack to print that it is up",
          () -> output().contains("Switchboard is up in") ? Boolean.TRUE : process.isAlive() ? null : Boolean.FALSE);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n--- output ---\n" + output(), e);
    }
    if (!up) {
      throw new AssertionError("The stack exited with " + process.exitValue() + " before it was up\n--- output ---\n"
          + output());
    }
    return this;
  }

  /** Waits for the process to end by itself and returns its exit code. */
  int awaitExit() {
    try {
      if (!process.waitFor(START.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("Still running after " + START + "\n--- output ---\n" + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return process.exitValue();
  }

  /** SIGKILL, as an OOM kill or a crash: no shutdown hook runs. */
  void kill() {
    process.destroyForcibly();
    waitFor();
  }

  /** SIGTERM, as Ctrl-C or a service manager's stop: the stack shuts down cleanly. */
  void stop() {
    process.destroy();
    waitFor();
  }

  long pid() {
    return process.pid();
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private void waitFor() {
    try {
      if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("Did not stop within " + STOP + "\n--- output ---\n" + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
