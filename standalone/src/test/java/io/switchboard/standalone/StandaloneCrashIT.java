package io.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standalone stack killed with SIGKILL, as a crash or an OOM kill does: its embedded PostgreSQL
 * outlives it. Started again on the same folder, the stack takes that server over and keeps its
 * state; started on another folder, it never uses the first folder's data; and after a clean stop
 * no process of the stack is left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneCrashIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final JsonMapper json = JsonMapper.builder().build();
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Path folderA;
  private static Path folderB;
  private static String[] optionsA;
  private static StandaloneSettings settingsA;
  private static final List<StackProcess> launched = new ArrayList<>();

  private static String callId;
  private static long orphan;

  @BeforeAll
  static void folders() throws IOException {
    Path root = Files.createTempDirectory("switchboard-crash-it");
    folderA = root.resolve("a");
    folderB = root.resolve("b");
    optionsA = TestPorts.arguments(folderA);
    settingsA = StandaloneSettings.parse(optionsA);
  }

  @AfterAll
  static void killLeftovers() {
    launched.forEach(StackProcess::close);
    for (Path folder : List.of(folderA, folderB)) {
      LeftoverDatabase.running(folder.resolve("postgres")).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  @Order(1)
  void aKilledStackLeavesItsPostgresRunning() throws Exception {
    StackProcess stack = launch(folderA, "a-1", optionsA).awaitUp();
    long postgres;
    try {
      Logins logins = new Logins(settingsA);
      logins.create(logins.adminToken(), "customer-1", "a-long-enough-password", List.of("customer"), null);
      String customer = logins.token("customer-1", "a-long-enough-password");
      callId = json.readTree(send("POST", settingsA, customer, "/api/v1/calls", "{\"queue\":\"sales\"}").body())
          .path("callId").asString();
      String admin = logins.adminToken();
      Poll.until(WAIT, "the call in call-state", () -> queued(settingsA, admin, callId) ? true : null);
      postgres = LeftoverDatabase.running(folderA.resolve("postgres")).orElseThrow().pid();
    } finally {
      stack.kill();
    }

    assertThat(ProcessHandle.of(postgres)).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
    orphan = postgres;
  }

  @Test
  @Order(2)
  void anotherFolderOnTheSamePortsIsRefusedWhileTheOrphanHoldsThePostgresPort() throws Exception {
    StackProcess stack = launch(folderB, "b-refused", withFolder(optionsA, folderB));

    int exit = stack.awaitExit();

    assertThat(exit).isEqualTo(1);
    assertThat(stack.output())
        .contains("Port " + settingsA.postgresPort() + "/TCP on 127.0.0.1 for PostgreSQL is already in use by process "
            + orphan)
        .contains("its data in " + folderA.resolve("postgres"))
        .contains("--postgres-port=<port>");
    assertThat(LeftoverDatabase.running(folderB.resolve("postgres"))).isEmpty();
    assertThat(processesOf(folderB)).isEmpty();
  }

  @Test
  @Order(3)
  void anotherFolderOnItsOwnPortsGetsItsOwnEmptyDatabase() throws Exception {
    String[] optionsB = TestPorts.arguments(folderB);
    StandaloneSettings settingsB = StandaloneSettings.parse(optionsB);
    StackProcess stack = launch(folderB, "b-own", optionsB).awaitUp();
    int status;
    try {
      // Call-state answers for its own database: the first folder's call is unknown here.
      String admin = new Logins(settingsB).adminToken();
      status = Poll.until(WAIT, "call-state to answer", () -> {
        int code = send("GET", settingsB, admin, "/api/v1/calls/" + callId, null).statusCode();
        return code == 503 ? null : code;
      });
    } finally {
      stack.stop();
    }

    assertThat(status).isEqualTo(404);
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);
    assertThat(processesOf(folderB)).isEmpty();
  }

  @Test
  @Order(4)
  void aRestartOnTheSameFolderReplacesTheOrphanAndKeepsTheState() throws Exception {
    StackProcess stack = launch(folderA, "a-2", optionsA).awaitUp();
    long postgres;
    try {
      assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      postgres = LeftoverDatabase.running(folderA.resolve("postgres")).orElseThrow().pid();
      assertThat(postgres).isNotEqualTo(orphan);
      assertThat(stack.output()).contains("PostgreSQL (process " + orphan + ") of an earlier run is still serving");
      String admin = new Logins(settingsA).adminToken();
      Poll.until(WAIT, "the call from before the crash", () -> queued(settingsA, admin, callId) ? true : null);
    } finally {
      stack.stop();
    }

    assertThat(processesOf(folderA)).isEmpty();
    assertThat(ProcessHandle.of(postgres).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  private static StackProcess launch(Path folder, String name, String... options) throws IOException {
    Files.createDirectories(folder);
    StackProcess stack = StackProcess.launch(folder.resolveSibling(name + ".log"), options);
    launched.add(stack);
    return stack;
  }

  private static String[] withFolder(String[] options, Path folder) {
    return Arrays.stream(options)
        .map(option -> option.startsWith("--data-dir=") ? "--data-dir=" + folder : option)
        .toArray(String[]::new);
  }

  /** Every live process whose command line names the folder: the stack's JVM and its PostgreSQL. */
  private static List<String> processesOf(Path folder) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .map(process -> process.info().commandLine())
        .flatMap(Optional::stream)
        .filter(commandLine -> commandLine.contains(folder.toString()))
        .toList();
  }

  /** Whether the call reads back QUEUED, for the stack's admin (a supervisor of its tenant). */
  private static boolean queued(StandaloneSettings settings, String admin, String callId) {
    HttpResponse<String> response = send("GET", settings, admin, "/api/v1/calls/" + callId, null);
    if (response.statusCode() != 200) {
      return false;
    }
    JsonNode call = json.readTree(response.body());
    return "QUEUED".equals(call.path("state").asString());
  }

  private static HttpResponse<String> send(String method, StandaloneSettings settings, String token, String path,
      String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://" + settings.host() + ":" + settings.gatewayPort() + path))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
