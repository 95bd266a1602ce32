package io.switchboard.media.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.media.TestBridge;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.media.sip.registrar.TestCredentials;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AgentStatusChanged;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.SystemTools;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sip.address.SipURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * SIPp (Debian package sip-tester) on both sides of the bridge and the real routing engine: two desk
 * phones register with MD5 digest and answer with SIPp's RTP echo, a SIPp customer places five calls
 * one after another with 2 s of G.711 each; the calls split 3/2 between the agents (longest idle),
 * every one ends cleanly, and the relay carries the customer's stream to the agent and its echo back.
 */
class SippCallIT {

  private static final Duration EVENTS = Duration.ofSeconds(30);
  private static final String PASSWORD = "correct-horse-battery";
  private static final String QUEUE = "sipp-support";
  private static final int CALLS = 5;
  private static final int CALL_MILLIS = 2000;

  @TempDir Path work;
  private final List<Process> processes = new ArrayList<>();

  @Test
  void twoSippAgentsTakeFiveSippCallsWithRtpBothWays() throws Exception {
    Path sipp = SystemTools.require("sipp", "sip-tester");
    String tenant = "sippcall-" + UUID.randomUUID().toString().substring(0, 8);
    String realm = tenant + ".example";
    TestCredentials.publish(tenant, realm, List.of("desk1", "desk2"), PASSWORD, List.of(QUEUE));
    TestRouting.start();
    int bridgePort = FreePorts.udpAndTcp();
    InboundRoutes routes = (invite, source) -> new InboundRoutes.Accepted(tenant,
        ((SipURI) invite.getRequestURI()).getUser(), "sipp-trunk", Map.of());
    ConfigurableApplicationContext bridge = TestBridge.start(bridgePort,
        context -> ((GenericApplicationContext) context).registerBean(InboundRoutes.class, () -> routes,
            definition -> definition.setPrimary(true)),
        "--switchboard.instance-id=sippcall-" + tenant,
        // SIPp 3.6 answers only the first challenge, and only with MD5.
        "--switchboard.media.sip.registrar.algorithms=MD5");
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS);
        EventProducer producer = new EventProducer()) {
      MeterRegistry meters = bridge.getBean(MeterRegistry.class);
      double aToB = relayed(meters, "a-to-b");
      double bToA = relayed(meters, "b-to-a");
      for (String desk : List.of("desk1", "desk2")) {
        int port = FreePorts.udpAndTcp();
        register(sipp, bridgePort, realm, desk, port);
        String agentId = "agent-" + desk;
        agentEvents.await(event -> tenant.equals(event.getTenantId()) && agentId.equals(event.getAgentId())
            && event.getPayload() instanceof AgentRegistered, EVENTS);
        answerCalls(sipp, bridgePort, desk, port);
        producer.send(Topics.AGENT_EVENTS, agentId, new AgentEvent(UUID.randomUUID(), tenant, Instant.now(),
            "sipp-call-it", agentId, new AgentStatusChanged(AgentStatus.AVAILABLE, null)));
      }

      Process customers = sipp(sipp, "customers", scenario("customer-call.xml", Map.of("@AUDIO@", audio().toString())),
          "-s", QUEUE, "-m", Integer.toString(CALLS), "-l", "1", "-d", Integer.toString(CALL_MILLIS),
          "-rtp_echo", "-mp", Integer.toString(FreePorts.udpAndTcp()),
          "-p", Integer.toString(FreePorts.udpAndTcp()), "-timeout", "120s", "-timeout_error",
          "127.0.0.1:" + bridgePort);
      if (!customers.waitFor(150, TimeUnit.SECONDS)) {
        throw new AssertionError("The SIPp customers did not end within 150 s:\n" + output("customers"));
      }
      assertThat(customers.exitValue()).as("SIPp customers' exit status (0: every call succeeded):\n%s",
          output("customers")).isZero();

      List<CallEvent> created = calls.awaitAll(e -> tenant.equals(e.getTenantId())
          && e.getPayload() instanceof CallCreated, CALLS, EVENTS);
      Set<String> callIds = created.stream().map(CallEvent::getCallId).collect(Collectors.toSet());
      List<CallEvent> answered = calls.awaitAll(e -> callIds.contains(e.getCallId())
          && e.getPayload() instanceof CallAnswered, CALLS, EVENTS);
      Map<String, Long> perAgent = answered.stream().collect(Collectors.groupingBy(
          e -> ((CallAnswered) e.getPayload()).getAgentId(), Collectors.counting()));
      assertThat(perAgent.values()).as("calls per agent: %s", perAgent).containsExactlyInAnyOrder(3L, 2L);
      List<CallEvent> ended = calls.awaitAll(e -> callIds.contains(e.getCallId())
          && e.getPayload() instanceof CallEnded, CALLS, EVENTS);
      assertThat(ended).extracting(e -> ((CallEnded) e.getPayload()).getOutcome()).containsOnly(CallOutcome.ENDED);
      assertThat(ended).extracting(e -> ((CallEnded) e.getPayload()).getEndedBy()).containsOnly("customer");

      // 50 packets a second for CALL_MILLIS on each call: > 95 % reached the agents, and > 95 % of that came back.
      double sent = CALLS * CALL_MILLIS / 20.0;
      double toAgents = relayed(meters, "a-to-b") - aToB;
      double toCustomers = relayed(meters, "b-to-a") - bToA;
      assertThat(toAgents).as("RTP relayed customer → agent").isGreaterThan(0.95 * sent);
      assertThat(toCustomers).as("RTP relayed agent → customer (SIPp's echo)").isGreaterThan(0.95 * toAgents);
    } finally {
      processes.forEach(Process::destroy);
      bridge.close();
    }
  }

  private static double relayed(MeterRegistry meters, String direction) {
    return meters.get("switchboard.media.rtp.packets").tag("direction", direction).tag("kind", "rtp").counter().count();
  }

  /** One desk phone's REGISTER with MD5 digest, its contact on {@code port}. */
  private void register(Path sipp, int bridgePort, String realm, String desk, int port) throws Exception {
    Process process = sipp(sipp, "register-" + desk, scenario("register-digest.xml",
            Map.of("@USER@", desk, "@PASSWORD@", PASSWORD)),
        "-m", "1", "-p", Integer.toString(port), "-key", "domain", realm, "-key", "user", desk,
        "-auth_uri", realm, "-timeout", "20s", "-timeout_error", "127.0.0.1:" + bridgePort);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("SIPp " + desk + " did not register within 60 s:\n" + output("register-" + desk));
    }
    assertThat(process.exitValue()).as("SIPp %s's REGISTER:\n%s", desk, output("register-" + desk)).isZero();
  }

  /** The desk phone answering every call on its registered port, echoing the RTP it gets. */
  private void answerCalls(Path sipp, int bridgePort, String desk, int port) throws Exception {
    sipp(sipp, "agent-" + desk, scenario("agent-answer.xml", Map.of()), "-p", Integer.toString(port),
        "-rtp_echo", "-mp", Integer.toString(FreePorts.udpAndTcp()), "127.0.0.1:" + bridgePort);
  }

  private Process sipp(Path sipp, String name, Path scenario, String... arguments) throws IOException {
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

  private Path scenario(String resource, Map<String, String> replacements) throws IOException {
    String text;
    try (InputStream in = getClass().getResourceAsStream("/sipp/" + resource)) {
      text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    for (Map.Entry<String, String> replacement : replacements.entrySet()) {
      text = text.replace(replacement.getKey(), replacement.getValue());
    }
    Path file = work.resolve(UUID.randomUUID() + "-" + resource);
    Files.writeString(file, text, StandardCharsets.ISO_8859_1);
    return file;
  }

  private Path audio() throws IOException {
    Path file = work.resolve("pcmu_440hz_1s.ulaw");
    try (InputStream in = getClass().getResourceAsStream("/sipp/pcmu_440hz_1s.ulaw")) {
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  /** What SIPp printed, and its error traces. */
  private String output(String name) {
    try (var files = Files.list(work)) {
      return files.filter(f -> f.getFileName().toString().startsWith(name) || f.toString().endsWith("_errors.log"))
          .map(Function.<Path>identity())
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
}
