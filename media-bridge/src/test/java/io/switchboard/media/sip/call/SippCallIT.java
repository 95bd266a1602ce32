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
import io.switchboard.testsupport.Sipp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sip.address.SipURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

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

  @Test
  void twoSippAgentsTakeFiveSippCallsWithRtpBothWays() throws Exception {
    String tenant = "sippcall-" + UUID.randomUUID().toString().substring(0, 8);
    String realm = tenant + ".example";
    TestCredentials.publish(tenant, realm, List.of("desk1", "desk2"), PASSWORD, List.of(QUEUE));
    TestRouting.start();
    int bridgePort = FreePorts.udpAndTcp();
    String target = "127.0.0.1:" + bridgePort;
    InboundRoutes routes = (invite, source) -> new InboundRoutes.Accepted(tenant,
        ((SipURI) invite.getRequestURI()).getUser(), "sipp-trunk", Map.of());
    ConfigurableApplicationContext bridge = TestBridge.startWith(bridgePort, routes,
        "--switchboard.instance-id=sippcall-" + tenant,
        // SIPp 3.6 answers only the first challenge, and only with MD5.
        "--switchboard.media.sip.registrar.algorithms=MD5");
    try (Sipp sipp = new Sipp(work);
        EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS);
        EventProducer producer = new EventProducer()) {
      MeterRegistry meters = bridge.getBean(MeterRegistry.class);
      double aToB = relayed(meters, "a-to-b");
      double bToA = relayed(meters, "b-to-a");
      for (String desk : List.of("desk1", "desk2")) {
        int port = FreePorts.udpAndTcp();
        sipp.register(target, realm, desk, PASSWORD, port);
        String agentId = "agent-" + desk;
        agentEvents.await(event -> tenant.equals(event.getTenantId()) && agentId.equals(event.getAgentId())
            && event.getPayload() instanceof AgentRegistered, EVENTS);
        sipp.answerCalls(target, desk, port, FreePorts.udpAndTcp());
        producer.send(Topics.AGENT_EVENTS, agentId, new AgentEvent(UUID.randomUUID(), tenant, Instant.now(),
            "sipp-call-it", agentId, new AgentStatusChanged(AgentStatus.AVAILABLE, null)));
      }

      sipp.call(target, QUEUE, CALLS, CALL_MILLIS, FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(120));

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
      bridge.close();
    }
  }

  private static double relayed(MeterRegistry meters, String direction) {
    return meters.get("switchboard.media.rtp.packets").tag("direction", direction).tag("kind", "rtp").counter().count();
  }
}
