package io.switchboard.media.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.TestBridge;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.schemas.avro.AgentChannel;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AgentRegistered;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.SystemTools;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SIPp (Debian package sip-tester) registering with the running bridge over loopback UDP, answering
 * the digest challenge itself with MD5 ({@code [authentication]} in {@code sipp/register-digest.xml}).
 * SIPp 3.6 reads only the first {@code WWW-Authenticate} and knows only MD5, so this bridge offers MD5
 * alone ({@code switchboard.media.sip.registrar.algorithms=MD5}).
 */
class SippRegisterIT {

  private static final String TENANT = "sipp-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String REALM = TENANT + ".example";

  @TempDir Path work;

  @Test
  void sippRegistersWithMd5DigestAndTheAgentBecomesSip() throws Exception {
    Path sipp = SystemTools.require("sipp", "sip-tester");
    RegistrarIT.publishCredentials(TENANT, REALM, List.of("desk1"));
    int bridgePort = FreePorts.udpAndTcp();
    // SIPp 3.6 answers only the first challenge, and only with MD5: offer MD5 alone.
    ConfigurableApplicationContext bridge = TestBridge.start(bridgePort, "--switchboard.instance-id=sipp-" + TENANT,
        "--switchboard.media.sip.registrar.algorithms=MD5");
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS)) {
      Path scenario = work.resolve("register-digest.xml");
      try (var in = getClass().getResourceAsStream("/sipp/register-digest.xml")) {
        String template = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        Files.writeString(scenario, template.replace("@USER@", "desk1").replace("@PASSWORD@", RegistrarIT.PASSWORD),
            StandardCharsets.ISO_8859_1);
      }
      Path output = work.resolve("sipp.out");
      int sippPort = FreePorts.udpAndTcp();
      Process process = new ProcessBuilder(sipp.toString(),
          "-sf", scenario.toString(), "-m", "1", "-nostdin", "-t", "u1",
          "-i", "127.0.0.1", "-p", Integer.toString(sippPort),
          "-key", "domain", REALM, "-key", "user", "desk1",
          // The digest uri must be the Request-URI; SIPp's default is the remote address.
          "-auth_uri", REALM,
          "-timeout", "20s", "-timeout_error", "-trace_err", "-trace_msg",
          "127.0.0.1:" + bridgePort)
          .directory(work.toFile())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("SIPp did not end within 60 s:\n" + traces());
      }

      assertThat(process.exitValue()).as("SIPp's exit status; its traces:\n%s", traces()).isZero();
      agentEvents.await(event -> event.getTenantId().equals(TENANT) && event.getAgentId().equals("agent-desk1")
          && event.getPayload() instanceof AgentRegistered registered
          && registered.getChannel() == AgentChannel.SIP
          && registered.getContact().equals("sip:desk1@127.0.0.1:" + sippPort), Duration.ofSeconds(20));
    } finally {
      bridge.close();
    }
  }

  /** SIPp's output and its message and error traces, for a failure message. */
  private String traces() throws Exception {
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(work)) {
      for (Path file : files.filter(path -> !path.toString().endsWith(".xml")).sorted().toList()) {
        all.append("== ").append(file.getFileName()).append('\n')
            .append(Files.readString(file, StandardCharsets.ISO_8859_1)).append('\n');
      }
    }
    return all.toString();
  }
}
