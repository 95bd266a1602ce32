package io.switchboard.media.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.TestBridge;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.media.sip.registrar.TestCredentials;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDeclined;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.DtmfMethod;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.avro.QualityEvent;
import io.switchboard.schemas.avro.QueueConfig;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SIP calls through the running bridge and the real routing engine, on the shared broker: callers and
 * agents' phones are JAIN-SIP stacks of their own on loopback UDP, the agents registered with digest
 * through the bridge's registrar, the media real RTP through the relay.
 */
class B2buaIT {

  static final Duration EVENTS = Duration.ofSeconds(30);
  static final String PASSWORD = "correct-horse-battery";
  private static final String TENANT = "b2b-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String REALM = TENANT + ".example";
  /** One queue per test, each with its own agents: the tests share the tenant but not their calls. */
  private static final List<String> AGENTS = List.of("ada", "bob", "cyd", "dan", "eve", "fay");

  private static ConfigurableApplicationContext bridge;
  private static int sipPort;
  private AgentPhones phones;

  @BeforeAll
  static void routingThenBridge() throws Exception {
    TestRouting.start();
    try (EventProducer producer = new EventProducer()) {
      producer.send(Topics.QUEUE_CONFIG, TENANT + "/capped", queue("capped").setCapacity(1).build());
      producer.send(Topics.QUEUE_CONFIG, TENANT + "/short-ring", queue("short-ring").setReservationTimeoutSeconds(2).build());
      producer.send(Topics.QUEUE_CONFIG, TENANT + "/everyone",
          queue("everyone").setStrategy(io.switchboard.schemas.avro.RoutingStrategy.RING_ALL).build());
    }
    TestCredentials.publish(TENANT, REALM, AGENTS.subList(0, 1), PASSWORD, List.of("basic"));
    TestCredentials.publish(TENANT, REALM, List.of("bob"), PASSWORD, List.of("ringing"));
    TestCredentials.publish(TENANT, REALM, List.of("cyd"), PASSWORD, List.of("busy"));
    TestCredentials.publish(TENANT, REALM, List.of("dan"), PASSWORD, List.of("short-ring"));
    TestCredentials.publish(TENANT, REALM, List.of("eve"), PASSWORD, List.of("hold"));
    TestCredentials.publish(TENANT, REALM, List.of("fay"), PASSWORD, List.of("keys"));
    TestCredentials.publish(TENANT, REALM, List.of("gus", "hex"), PASSWORD, List.of("everyone"));
    sipPort = FreePorts.udpAndTcp();
    InboundRoutes routes = (invite, source) -> {
      String number = ((javax.sip.address.SipURI) invite.getRequestURI()).getUser();
      return switch (number) {
        case "untrusted" -> new InboundRoutes.Refused(403, "No trunk trusts " + source.getAddress().getHostAddress());
        default -> new InboundRoutes.Accepted(TENANT, number, "it-trunk", Map.of("dialedNumber", number));
      };
    };
    bridge = TestBridge.startWith(sipPort, routes,
        "--switchboard.instance-id=b2bua-it-" + TENANT,
        "--switchboard.media.sip.registrar.min-expires=1",
        "--switchboard.media.rtp.quality-interval=1s");
  }

  private static QueueConfig.Builder queue(String name) {
    return QueueConfig.newBuilder().setEventId(UUID.randomUUID()).setTenantId(TENANT).setOccurredAt(Instant.now())
        .setSource("b2bua-it").setQueue(name);
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

  private <T extends AutoCloseable> T keep(T phone) {
    return phones.keep(phone);
  }

  private CallPhone agentPhone(String user, EventLog<AgentEvent> agentEvents) throws Exception {
    return phones.agent(user, agentEvents);
  }

  private static String callIdOf(Request agentInvite) {
    return AgentPhones.callIdOf(agentInvite);
  }

  @Test
  void aCallerIsQueuedRingsTheAgentsPhoneAndTalksBothWays() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS);
        EventLog<RoutingDecision> decisions = EventLog.of(Topics.ROUTING_DECISIONS);
        EventLog<QualityEvent> quality = EventLog.of(Topics.QUALITY_EVENTS)) {
      CallPhone agent = agentPhone("ada", agentEvents);
      CallPhone caller = keep(new CallPhone("caller1"));

      caller.call(sipPort, "basic", caller.sdp("PCMU", "PCMA", "telephone-event"));

      assertThat(caller.awaitStatus(100)).isNotNull();
      Request offer = agent.awaitRequest(Request.INVITE);
      String callId = callIdOf(offer);
      assertThat(agent.remoteSdp()).contains("m=audio").contains("RTP/AVP 0 101").contains("telephone-event/8000");
      Response answered = caller.awaitStatus(200);
      assertThat(caller.firstProvisional(183)).as("183 with the relay's SDP before the answer").isNotNull();
      assertThat(new String(answered.getRawContent())).contains("a=rtpmap:0 PCMU/8000");

      CallEvent created = calls.await(e -> callId.equals(e.getCallId()) && e.getPayload() instanceof CallCreated, EVENTS);
      CallCreated payload = (CallCreated) created.getPayload();
      assertThat(created.getTenantId()).isEqualTo(TENANT);
      assertThat(payload.getChannel()).isEqualTo(CallChannel.SIP);
      assertThat(payload.getQueue()).isEqualTo("basic");
      assertThat(payload.getCustomerId()).isEqualTo("caller1");
      assertThat(payload.getAttributes()).containsEntry("dialedNumber", "basic").containsEntry("trunkId", "it-trunk");
      calls.await(e -> callId.equals(e.getCallId()) && e.getPayload() instanceof CallQueued, EVENTS);
      RoutingOffered routed = (RoutingOffered) decisions.await(d -> callId.equals(d.getCallId())
          && d.getPayload() instanceof RoutingOffered, EVENTS).getPayload();
      CallAnswered callAnswered = (CallAnswered) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallAnswered, EVENTS).getPayload();
      assertThat(callAnswered.getAgentId()).isEqualTo("agent-ada");
      assertThat(callAnswered.getReservationId()).isEqualTo(routed.getReservationId());

      // Ringback reached the caller before the answer: packets of the bridge's own stream.
      assertThat(caller.rtpNotFrom(agent.media.ssrc())).isPositive();
      caller.sendRtp(1, 50);
      agent.sendRtp(1, 50);
      Poll.until(EVENTS, "50 packets each way", () -> agent.rtpFrom(caller.media.ssrc()) >= 50
          && caller.rtpFrom(agent.media.ssrc()) >= 50 ? true : null);
      // Both legs' figures reach quality.events, each under its participant.
      for (String participant : List.of("customer", "agent-ada")) {
        QualityEvent leg = quality.await(q -> callId.equals(q.getCallId()) && participant.equals(q.getParticipantId())
            && TENANT.equals(q.getTenantId()), EVENTS);
        assertThat(leg.getEventId()).isNotNull();
      }

      agent.bye();
      caller.awaitRequest(Request.BYE);
      CallEnded ended = (CallEnded) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallEnded, EVENTS).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.ENDED);
      assertThat(ended.getEndedBy()).isEqualTo("agent-ada");
    }
  }

  @Test
  void holdAndResumeFromEitherPhone() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      CallPhone agent = agentPhone("eve", agentEvents);
      CallPhone caller = keep(new CallPhone("caller11"));
      caller.call(sipPort, "hold", caller.sdp("PCMU", "telephone-event"));
      String callId = callIdOf(agent.awaitRequest(Request.INVITE));
      caller.awaitStatus(200);
      long agentSsrc = agent.media.ssrc();
      long callerSsrc = caller.media.ssrc();

      // The agent's phone holds: answered recvonly, the caller hears the waiting audio, nobody hears the other room.
      Response held = agent.reInvite(agent.sdpWith("sendonly", "PCMU", "telephone-event"));
      assertThat(held.getStatusCode()).isEqualTo(200);
      assertThat(new String(held.getRawContent())).contains("a=recvonly").doesNotContain("a=sendrecv");
      assertThat(((io.switchboard.schemas.avro.CallHeld) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof io.switchboard.schemas.avro.CallHeld, EVENTS).getPayload()).getBy())
          .isEqualTo("agent-eve");
      long promptBefore = caller.rtpNotFrom(agentSsrc);
      agent.sendRtp(100, 20);
      caller.sendRtp(100, 20);
      Poll.until(EVENTS, "music on hold reaches the caller", () -> caller.rtpNotFrom(agentSsrc) >= promptBefore + 25 ? true : null);
      assertThat(caller.rtpFrom(agentSsrc)).as("nothing of the agent while held").isZero();
      assertThat(agent.rtpFrom(callerSsrc)).as("nothing of the caller while held").isZero();

      Response resumed = agent.reInvite(agent.sdpWith("sendrecv", "PCMU", "telephone-event"));
      assertThat(new String(resumed.getRawContent())).contains("a=sendrecv");
      assertThat(((io.switchboard.schemas.avro.CallResumed) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof io.switchboard.schemas.avro.CallResumed, EVENTS).getPayload()).getBy())
          .isEqualTo("agent-eve");
      agent.sendRtp(200, 20);
      caller.sendRtp(200, 20);
      Poll.until(EVENTS, "media both ways again", () -> caller.rtpFrom(agentSsrc) >= 20
          && agent.rtpFrom(callerSsrc) >= 20 ? true : null);

      // The caller's phone holds with inactive: answered inactive, it is sent nothing; then resumes.
      Response inactive = caller.reInvite(caller.sdpWith("inactive", "PCMU", "telephone-event"));
      assertThat(new String(inactive.getRawContent())).contains("a=inactive");
      calls.awaitAll(e -> callId.equals(e.getCallId()) && e.getPayload() instanceof io.switchboard.schemas.avro.CallHeld
          && "customer".equals(((io.switchboard.schemas.avro.CallHeld) e.getPayload()).getBy()), 1, EVENTS);
      long fromAgent = caller.rtpFrom(agentSsrc);
      long fromCaller = agent.rtpFrom(callerSsrc);
      agent.sendRtp(300, 20);
      caller.sendRtp(300, 20);
      Poll.until(EVENTS, "the caller's stream still reaches the agent", () -> agent.rtpFrom(callerSsrc) >= fromCaller + 20 ? true : null);
      assertThat(caller.rtpFrom(agentSsrc)).as("a held caller is sent nothing").isEqualTo(fromAgent);
      assertThat(caller.reInvite(caller.sdp("PCMU", "telephone-event")).getStatusCode()).isEqualTo(200);
      calls.awaitAll(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof io.switchboard.schemas.avro.CallResumed, 2, EVENTS);

      // A codec change mid-call cannot be relayed without transcoding: 488, and the call goes on.
      Response change = caller.reInvite(caller.sdp("PCMA"));
      assertThat(change.getStatusCode()).isEqualTo(488);
      caller.bye();
      agent.awaitRequest(Request.BYE);
    }
  }

  @Test
  void keysPressedOnEitherPhoneAreRelayedAndPublished() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      CallPhone agent = agentPhone("fay", agentEvents);
      CallPhone caller = keep(new CallPhone("caller12"));
      caller.call(sipPort, "keys", caller.sdp("PCMU", "telephone-event"));
      String callId = callIdOf(agent.awaitRequest(Request.INVITE));
      caller.awaitStatus(200);

      // RFC 4733 from the caller: relayed to the agent's phone as they are, and read once.
      caller.pressKey(5, 123_456L, 1000);
      DtmfReceived five = (DtmfReceived) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof DtmfReceived, EVENTS).getPayload();
      assertThat(five.getParticipantId()).isEqualTo("customer");
      assertThat(five.getDigit()).isEqualTo("5");
      assertThat(five.getMethod()).isEqualTo(DtmfMethod.RFC4733);
      assertThat(five.getDurationMs()).isEqualTo(80);
      Poll.until(EVENTS, "the telephone-events reach the agent's phone", () -> agent.media.rtpReceived().stream()
          .filter(packet -> (packet[1] & 0x7f) == 101).count() >= 6 ? true : null);

      // SIP INFO from the agent's phone: the same event; a DTMF body without a key 400, another body 415.
      assertThat(agent.info("application", "dtmf-relay", "Signal=#\r\nDuration=160\r\n").getStatusCode()).isEqualTo(200);
      DtmfReceived hash = (DtmfReceived) calls.awaitAll(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof DtmfReceived, 2, EVENTS).get(1).getPayload();
      assertThat(hash.getParticipantId()).isEqualTo("agent-fay");
      assertThat(hash.getDigit()).isEqualTo("#");
      assertThat(hash.getMethod()).isEqualTo(DtmfMethod.SIP_INFO);
      assertThat(hash.getDurationMs()).isEqualTo(160);
      assertThat(agent.info("application", "dtmf-relay", "Signal=X\r\n").getStatusCode()).isEqualTo(400);
      assertThat(caller.info("text", "plain", "hello").getStatusCode()).isEqualTo(415);
      assertThat(calls.awaitAll(e -> callId.equals(e.getCallId()) && e.getPayload() instanceof DtmfReceived, 2, EVENTS))
          .as("one event per key press").hasSize(2);
      caller.bye();
      agent.awaitRequest(Request.BYE);
    }
  }

  @Test
  void aRingAllQueueRingsEveryPhoneAndTheFirstToAnswerTakesTheCall() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      CallPhone gus = agentPhone("gus", agentEvents);
      CallPhone hex = agentPhone("hex", agentEvents);
      gus.willAnswer(CallPhone.Answer.RING);
      hex.willAnswer(CallPhone.Answer.RING);
      CallPhone caller = keep(new CallPhone("caller13"));

      caller.call(sipPort, "everyone", caller.sdp("PCMU"));

      String callId = callIdOf(gus.awaitRequest(Request.INVITE));
      assertThat(callIdOf(hex.awaitRequest(Request.INVITE))).as("both phones ring for the one call").isEqualTo(callId);
      hex.answerRinging();

      gus.awaitRequest(Request.CANCEL);
      assertThat(caller.awaitStatus(200)).isNotNull();
      CallAnswered answered = (CallAnswered) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallAnswered, EVENTS).getPayload();
      assertThat(answered.getAgentId()).isEqualTo("agent-hex");
      caller.sendRtp(1, 20);
      hex.sendRtp(1, 20);
      Poll.until(EVENTS, "RTP both ways with the phone that answered", () -> hex.rtpFrom(caller.media.ssrc()) >= 20
          && caller.rtpFrom(hex.media.ssrc()) >= 20 ? true : null);
      assertThat(gus.rtpFrom(caller.media.ssrc())).isZero();
      caller.bye();
      hex.awaitRequest(Request.BYE);
      assertThat(calls.awaitAll(e -> callId.equals(e.getCallId()) && e.getPayload() instanceof CallAnswered, 1, EVENTS))
          .as("answered once").hasSize(1);
    }
  }

  @Test
  void aCallerWhoCancelsWhileQueuedIsAbandoned() throws Exception {
    try (EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      CallPhone caller = keep(new CallPhone("caller2"));

      caller.call(sipPort, "nobody-here", caller.sdp("PCMA"));
      Response progress = caller.awaitStatus(183);
      assertThat(new String(progress.getRawContent())).contains("a=rtpmap:8 PCMA/8000");
      Poll.until(EVENTS, "ringback in PCMA", () -> caller.media.rtpReceived().stream()
          .anyMatch(packet -> (packet[1] & 0x7f) == 8) ? true : null);
      String callId = callIdByCaller(calls, "caller2");
      caller.cancel();

      assertThat(caller.awaitFinal().getStatusCode()).isEqualTo(487);
      CallEnded ended = (CallEnded) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallEnded, EVENTS).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.ABANDONED);
      assertThat(ended.getEndedBy()).isEqualTo("customer");
    }
  }

  @Test
  void aCallerWhoHangsUpWhileTheAgentRingsCancelsTheAgentsInvite() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      CallPhone agent = agentPhone("bob", agentEvents);
      agent.willAnswer(CallPhone.Answer.RING);
      CallPhone caller = keep(new CallPhone("caller3"));

      caller.call(sipPort, "ringing", caller.sdp("PCMU"));
      String callId = callIdOf(agent.awaitRequest(Request.INVITE));
      caller.cancel();

      assertThat(caller.awaitFinal().getStatusCode()).isEqualTo(487);
      agent.awaitRequest(Request.CANCEL);
      CallEnded ended = (CallEnded) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallEnded, EVENTS).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.ABANDONED);
    }
  }

  @Test
  void aBusyAgentDeclinesAndTheCallIsOfferedAgain() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      CallPhone agent = agentPhone("cyd", agentEvents);
      agent.willAnswer(CallPhone.Answer.BUSY);
      CallPhone caller = keep(new CallPhone("caller4"));

      caller.call(sipPort, "busy", caller.sdp("PCMU"));

      String callId = callIdOf(agent.awaitRequest(Request.INVITE));
      CallDeclined declined = (CallDeclined) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallDeclined, EVENTS).getPayload();
      assertThat(declined.getAgentId()).isEqualTo("agent-cyd");
      assertThat(declined.getReason()).startsWith("486 ");
      assertThat(caller.awaitFinal().getStatusCode()).as("offered again and answered").isEqualTo(200);
      assertThat(agent.received(Request.INVITE)).isEqualTo(2);
      caller.bye();
      CallEnded ended = (CallEnded) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallEnded, EVENTS).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.ENDED);
      assertThat(ended.getEndedBy()).isEqualTo("customer");
      agent.awaitRequest(Request.BYE);
    }
  }

  @Test
  void anUnansweredPhoneIsCancelledWhenTheReservationExpires() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<RoutingDecision> decisions = EventLog.of(Topics.ROUTING_DECISIONS)) {
      CallPhone agent = agentPhone("dan", agentEvents);
      agent.willAnswer(CallPhone.Answer.RING);
      CallPhone caller = keep(new CallPhone("caller5"));

      caller.call(sipPort, "short-ring", caller.sdp("PCMU"));

      String callId = callIdOf(agent.awaitRequest(Request.INVITE));
      decisions.await(d -> callId.equals(d.getCallId()) && d.getPayload() instanceof ReservationTimedOut, EVENTS);
      agent.awaitRequest(Request.CANCEL);
      assertThat(caller.awaitFinal().getStatusCode()).as("answered at the next offer").isEqualTo(200);
      caller.bye();
      agent.awaitRequest(Request.BYE);
    }
  }

  @Test
  void aFullQueueAnswers503WithRetryAfter() throws Exception {
    try (EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      CallPhone first = keep(new CallPhone("caller6"));
      first.call(sipPort, "capped", first.sdp("PCMU"));
      first.awaitStatus(183);
      CallPhone second = keep(new CallPhone("caller7"));

      second.call(sipPort, "capped", second.sdp("PCMU"));

      Response full = second.awaitFinal();
      assertThat(full.getStatusCode()).isEqualTo(503);
      assertThat(((RetryAfterHeader) full.getHeader(RetryAfterHeader.NAME)).getRetryAfter()).isPositive();
      String callId = callIdByCaller(calls, "caller7");
      CallEnded ended = (CallEnded) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallEnded, EVENTS).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.FAILED);
      assertThat(ended.getReason()).isEqualTo("queue full");
      first.cancel();
      assertThat(first.awaitFinal().getStatusCode()).isEqualTo(487);
    }
  }

  @Test
  void invitesThatCannotBeTakenAreRefusedWithTheRightCode() throws Exception {
    CallPhone g729 = keep(new CallPhone("caller8"));
    g729.call(sipPort, "basic", g729.sdp("G729"));
    Response notAcceptable = g729.awaitFinal();
    assertThat(notAcceptable.getStatusCode()).isEqualTo(488);
    assertThat(notAcceptable.getHeader("Warning").toString()).contains("305").contains("G729");

    CallPhone noOffer = keep(new CallPhone("caller9"));
    noOffer.call(sipPort, "basic", null);
    assertThat(noOffer.awaitFinal().getStatusCode()).isEqualTo(488);

    CallPhone untrusted = keep(new CallPhone("caller10"));
    untrusted.call(sipPort, "untrusted", untrusted.sdp("PCMU"));
    Response forbidden = untrusted.awaitFinal();
    assertThat(forbidden.getStatusCode()).isEqualTo(403);
    assertThat(forbidden.getReasonPhrase()).isEqualTo("No trunk trusts 127.0.0.1");
  }

  private static String callIdByCaller(EventLog<CallEvent> calls, String caller) {
    return calls.await(e -> e.getPayload() instanceof CallCreated created && caller.equals(created.getCustomerId())
        && TENANT.equals(e.getTenantId()), EVENTS).getCallId();
  }
}
