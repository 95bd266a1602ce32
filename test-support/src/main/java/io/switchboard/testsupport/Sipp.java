package io.switchboard.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * SIPp (Debian's {@code sip-tester}) as the phones and carriers of an end-to-end test, with the
 * scenarios of {@code /sipp/} on this module's classpath: {@code register-digest.xml} (one REGISTER
 * answered with MD5 digest), {@code agent-answer.xml} (a desk phone answering every call, with
 * {@code -rtp_echo}), {@code customer-call.xml} (a caller streaming {@code pcmu_440hz_1s.ulaw}).
 * Each run's screen and error trace stay in the work folder; {@link #close} ends what still runs.
 */
public final class Sipp implements AutoCloseable {

  private final Path sipp;
  private final Path work;
  private final List<Process> processes = new ArrayList<>();

  /** Fails the test with how to install SIPp when it is missing. */
  public Sipp(Path work) {
    this.sipp = SystemTools.require("sipp", "sip-tester");
    this.work = work;
  }

  /** One phone's REGISTER for {@code user}@{@code realm} with MD5 digest, its contact on {@code port}. */
  public void register(String target, String realm, String user, String password, int port) throws Exception {
    String name = "register-" + user;
    run(name, Duration.ofSeconds(60), scenario("register-digest.xml", Map.of("@USER@", user, "@PASSWORD@", password)),
        "-m", "1", "-p", Integer.toString(port), "-key", "domain", realm, "-key", "user", user,
        "-auth_uri", realm, "-timeout", "20s", "-timeout_error", target);
  }

  /** A desk phone answering every call on its registered {@code port}, echoing the RTP it gets. */
  public Process answerCalls(String target, String user, int port, int mediaPort) throws IOException {
    return start("agent-" + user, scenario("agent-answer.xml", Map.of()), "-p", Integer.toString(port),
        "-rtp_echo", "-mp", Integer.toString(mediaPort), target);
  }

  /**
   * {@code calls} calls to {@code number}, one at a time, each streaming RTP for {@code callMillis}
   * then hanging up; waits for all and fails unless SIPp says every call succeeded.
   */
  public void call(String target, String number, int calls, int callMillis, int port, int mediaPort, Duration timeout)
      throws Exception {
    run("customers", timeout, scenario("customer-call.xml", Map.of("@AUDIO@", audio().toString())),
        "-s", number, "-m", Integer.toString(calls), "-l", "1", "-d", Integer.toString(callMillis),
        "-rtp_echo", "-mp", Integer.toString(mediaPort), "-p", Integer.toString(port),
        "-timeout", timeout.toSeconds() + "s", "-timeout_error", target);
  }

  /** Runs a scenario to its end within {@code timeout}; fails with SIPp's output unless it exits 0. */
  public void run(String name, Duration timeout, Path scenario, String... arguments) throws Exception {
    Process process = start(name, scenario, arguments);
    if (!process.waitFor(timeout.toSeconds() + 30, TimeUnit.SECONDS)) {
      throw new AssertionError("SIPp " + name + " did not end within " + timeout + ":\n" + output(name));
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("SIPp " + name + " exited " + process.exitValue() + " (0: every call succeeded):\n"
          + output(name));
    }
  }

  /** Starts SIPp over UDP on loopback with one of the scenarios. */
  public Process start(String name, Path scenario, String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of(sipp.toString(), "-sf", scenario.toString(), "-nostdin",
        "-t", "u1", "-i", "127.0.0.1", "-trace_err"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command)
        .directory(work.toFile())
        .redirectErrorStream(true)
        .redirectOutput(work.resolve(name + ".out").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    processes.add(process);
    return process;
  }

  /** A scenario of {@code /sipp/} written to the work folder with {@code replacements} made. */
  public Path scenario(String resource, Map<String, String> replacements) throws IOException {
    String text = new String(resource(resource), StandardCharsets.ISO_8859_1);
    for (Map.Entry<String, String> replacement : replacements.entrySet()) {
      text = text.replace(replacement.getKey(), replacement.getValue());
    }
    Path file = work.resolve(UUID.randomUUID() + "-" + resource);
    Files.writeString(file, text, StandardCharsets.ISO_8859_1);
    return file;
  }

  /** The 1 s 440 Hz µ-law tone the callers stream, as a file. */
  public Path audio() throws IOException {
    Path file = work.resolve("pcmu_440hz_1s.ulaw");
    if (!Files.exists(file)) {
      Files.write(file, resource("pcmu_440hz_1s.ulaw"));
    }
    return file;
  }

  /** What SIPp printed for the run {@code name}, and the error traces. */
  public String output(String name) {
    try (var files = Files.list(work)) {
      return files.filter(f -> f.getFileName().toString().startsWith(name) || f.toString().endsWith("_errors.log"))
          .map(f -> {
            try {
              String content = Files.readString(f, StandardCharsets.ISO_8859_1);
              return "== " + f.getFileName() + "\n" + content.substring(Math.max(0, content.length() - 4000));
            } catch (IOException e) {
              return "== " + f.getFileName() + ": " + e.getMessage();
            }
          }).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + name)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("No SIPp resource /sipp/" + name));
      }
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    processes.forEach(Process::destroy);
  }
}
