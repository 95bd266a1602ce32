package io.switchboard.media.sip.call;

import static io.switchboard.media.sip.call.AgentPhones.EVENTS;
import static io.switchboard.media.sip.call.AgentPhones.callIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.TestBridge;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.media.sip.registrar.BindingTable;
import io.switchboard.media.sip.registrar.TestCredentials;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.Poll;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two bridge instances on one broker: the agent's phone registers with one, the caller reaches the
 * other, which owns the call: it follows the routing decisions for it, rings the phone registered
 * elsewhere and relays the media; the instance that does not own it holds nothing. When the owner
 * stops, it takes its call down cleanly: BYE to both phones and {@code CallEnded FAILED}.
 */
class SeveralBridgesIT {

  private static final String PASSWORD = "correct-horse-battery";
  private static final String TENANT = "two-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String REALM = TENANT + ".example";

  private ConfigurableApplicationContext one;
  private ConfigurableApplicationContext two;

  @AfterEach
  void stop() {
    for (ConfigurableApplicationContext bridge : new ConfigurableApplicationContext[] {one, two}) {
      if (bridge != null && bridge.isActive()) {
        bridge.close();
      }
    }
  }

  @Test
  void theInstanceACallerReachesOwnsTheCallAndEndsItWhenItStops() throws Exception {
    TestRouting.start();
    TestCredentials.publish(TENANT, REALM, List.of("pam"), PASSWORD, List.of("shared"));
    int portOne = FreePorts.udpAndTcp();
    int portTwo = FreePorts.udpAndTcp();
    one = bridge(portOne, "one");
    two = bridge(portTwo, "two");
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS);
        AgentPhones phones = new AgentPhones(portTwo, TENANT, REALM, PASSWORD)) {
      CallPhone pam = phones.agent("pam", agentEvents);
      Poll.until(EVENTS, "instance one knows the binding made at instance two",
          () -> one.getBean(BindingTable.class).current(TENANT, "agent-pam", Instant.now()).isPresent() ? true : null);
      CallPhone caller = phones.keep(new CallPhone("two-caller"));

      caller.call(portOne, "shared", caller.sdp("PCMU"));

      String callId = callIdOf(pam.awaitRequest(Request.INVITE));
      caller.awaitStatus(200);
      CallEvent created = calls.await(e -> callId.equals(e.getCallId()) && e.getPayload() instanceof CallCreated, EVENTS);
      assertThat(created.getSource()).isEqualTo("several-one-" + TENANT);
      assertThat(one.getBean(io.switchboard.media.rtp.RtpRelay.class).openSessions()).as("the owner relays").isEqualTo(1);
      assertThat(two.getBean(io.switchboard.media.rtp.RtpRelay.class).openSessions()).isZero();
      assertThat(one.getBean(B2bua.class).activeCalls()).isEqualTo(1);
      assertThat(two.getBean(B2bua.class).activeCalls()).isZero();
      caller.sendRtp(1, 20);
      pam.sendRtp(1, 20);
      Poll.until(EVENTS, "RTP both ways", () -> pam.rtpFrom(caller.media.ssrc()) >= 20
          && caller.rtpFrom(pam.media.ssrc()) >= 20 ? true : null);

      one.close();

      caller.awaitRequest(Request.BYE);
      pam.awaitRequest(Request.BYE);
      CallEnded ended = (CallEnded) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallEnded, EVENTS).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.FAILED);
      assertThat(ended.getReason()).isEqualTo("media bridge stopped");
      assertThat(two.getBean(B2bua.class).activeCalls()).isZero();
    }
  }

  private static ConfigurableApplicationContext bridge(int sipPort, String name) {
    return TestBridge.startWith(sipPort, TestBridge.dialledQueue(TENANT),
        "--switchboard.instance-id=several-" + name + "-" + TENANT,
        "--switchboard.media.sip.registrar.min-expires=1");
  }
}
