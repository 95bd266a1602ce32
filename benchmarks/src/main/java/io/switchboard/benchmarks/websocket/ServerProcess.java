package io.switchboard.benchmarks.websocket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server's JVM, started by the benchmark and stopped with it: its log goes to a file, its standard
 * input and output carry the benchmark's commands and their answers (for servers that take any).
 */
final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final BufferedReader answers;
  private final PrintWriter commands;

  private ServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
  }

  /** {@code java <jvmOptions> <arguments>} with this JVM's own java; output to {@code log} unless {@code talks}. */
  static ServerProcess start(List<String> jvmOptions, List<String> arguments, Path log, boolean talks)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
    if (!talks) {
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
    }
    ServerProcess server = new ServerProcess(builder.start(), log);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bench-server-stop"));
    return server;
  }

  /** A port free on loopback now (the server binds it a moment later). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Sends one command line and waits for its one-line answer. */
  synchronized String ask(String command) throws IOException {
    if (command != null) {
      commands.println(command);
    }
    String answer = answers.readLine();
    if (answer == null) {
      throw new IllegalStateException("the server stopped; see " + log);
    }
    return answer;
  }

  /** SIGTERM, then SIGKILL if it has not stopped within 20 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
