package io.switchboard.media.sip.call;

import static io.switchboard.media.sip.call.AgentPhones.EVENTS;
import static io.switchboard.media.sip.call.AgentPhones.callIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.TestBridge;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.media.sip.registrar.TestCredentials;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * RFC 4028 session timers through the running bridge, with a 4 s session interval and a 2 s Min-SE
 * (below RFC 4028's 90 s, for the test's sake): an interval below Min-SE refused with 422, a caller's
 * refreshes keeping its call and their end ending it, and the bridge refreshing an agent's leg,
 * retrying after a 491.
 */
class SessionTimerIT {

  private static final String PASSWORD = "correct-horse-battery";
  private static final String TENANT = "timer-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String REALM = TENANT + ".example";

  private static ConfigurableApplicationContext bridge;
  private static int sipPort;
  private AgentPhones phones;

  @BeforeAll
  static void routingThenBridge() throws Exception {
    TestRouting.start();
    TestCredentials.publish(TENANT, REALM, List.of("nox"), PASSWORD, List.of("refreshed"));
    TestCredentials.publish(TENANT, REALM, List.of("oda"), PASSWORD, List.of("bridge-refreshes"));
    sipPort = FreePorts.udpAndTcp();
    bridge = TestBridge.startWith(sipPort, TestBridge.dialledQueue(TENANT),
        "--switchboard.instance-id=timer-it-" + TENANT,
        "--switchboard.media.sip.registrar.min-expires=1",
        "--switchboard.media.sip.call.session-expires=4s",
        "--switchboard.media.sip.call.min-session-expires=2s");
  }

  @AfterAll
  static void stop() {
    if (bridge != null) {
      bridge.close();
    }
  }

  @BeforeEach
  void phones() {
    phones = new AgentPhones(sipPort, TENANT, REALM, PASSWORD);
  }

  @AfterEach
  void hangUpPhones() throws Exception {
    phones.close();
  }

  @Test
  void anIntervalBelowMinSeIsRefusedWith422() throws Exception {
    CallPhone caller = phones.keep(new CallPhone("tcaller1"));
    caller.call(sipPort, "refreshed", caller.sdp("PCMU"), "Supported: timer\r\nSession-Expires: 1\r\n");

    Response refused = caller.awaitFinal();
    assertThat(refused.getStatusCode()).isEqualTo(422);
    assertThat(refused.getHeader("Min-SE").toString()).contains("2");
  }

  @Test
  void theCallersRefreshesKeepItsCallAndTheirEndEndsIt() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      CallPhone agent = phones.agent("nox", agentEvents);
      CallPhone caller = phones.keep(new CallPhone("tcaller2"));
      caller.call(sipPort, "refreshed", caller.sdp("PCMU"), "Supported: timer\r\nSession-Expires: 4;refresher=uac\r\n");
      String callId = callIdOf(agent.awaitRequest(Request.INVITE));

      Response answered = caller.awaitStatus(200);
      assertThat(answered.getHeader("Session-Expires").toString()).contains("4").contains("refresher=uac");
      assertThat(answered.getHeader("Require").toString()).contains("timer");
      assertThat(agent.awaitRequest(Request.INVITE).getHeader("Session-Expires")).as("the agent's leg is offered one")
          .isNotNull();

      // Refreshed every 1.5 s, by UPDATE and by re-INVITE, for longer than the 3 s the bridge waits for one.
      for (int i = 0; i < 2; i++) {
        pause(Duration.ofMillis(1500));
        Response update = caller.update();
        assertThat(update.getStatusCode()).isEqualTo(200);
        assertThat(update.getHeader("Session-Expires").toString()).contains("refresher=uac");
        pause(Duration.ofMillis(1500));
        assertThat(caller.reInvite(caller.sdp("PCMU")).getStatusCode()).isEqualTo(200);
      }
      assertThat(caller.received(Request.BYE)).as("refreshed in time: the call goes on").isZero();

      // No more refreshes: the bridge ends both legs.
      caller.awaitRequest(Request.BYE);
      agent.awaitRequest(Request.BYE);
      CallEnded ended = (CallEnded) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallEnded, EVENTS).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.FAILED);
      assertThat(ended.getReason()).isEqualTo("session-timer: no refresh within 4 s (customer)");
    }
  }

  @Test
  void theBridgeRefreshesAnAgentsLegAndRetriesAfterGlare() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      CallPhone agent = phones.agent("oda", agentEvents);
      agent.answerWith("Session-Expires", "4;refresher=uac");
      agent.willAnswerReInvites(CallPhone.Answer.GLARE);
      CallPhone caller = phones.keep(new CallPhone("tcaller3"));
      caller.call(sipPort, "bridge-refreshes", caller.sdp("PCMU"));
      String callId = callIdOf(agent.awaitRequest(Request.INVITE));
      Response answered = caller.awaitStatus(200);
      assertThat(answered.getHeader("Session-Expires")).as("a caller without timer support gets none").isNull();

      // Every 2 s a re-INVITE; the first is answered 491 and tried again 2.1–4 s later.
      Poll.until(Duration.ofSeconds(20), "a refused and two accepted refreshes",
          () -> agent.reInvites().size() >= 3 ? true : null);
      assertThat(agent.reInvites().get(0).getHeader("Session-Expires").toString()).contains("refresher=uac");
      caller.sendRtp(1, 20);
      agent.sendRtp(1, 20);
      Poll.until(EVENTS, "RTP both ways", () -> agent.rtpFrom(caller.media.ssrc()) >= 20
          && caller.rtpFrom(agent.media.ssrc()) >= 20 ? true : null);
      assertThat(calls.seen().stream().map(record -> record.value()).filter(e -> callId.equals(e.getCallId()))
          .noneMatch(e -> e.getPayload() instanceof CallEnded)).as("the call goes on").isTrue();
      caller.bye();
      agent.awaitRequest(Request.BYE);
    }
  }

  /** Lets {@code time} pass: what the test checks is what happens over time. */
  private static void pause(Duration time) {
    long until = System.nanoTime() + time.toNanos();
    Poll.until(time.plusSeconds(5), "time to pass", () -> System.nanoTime() >= until ? true : null);
  }
}
