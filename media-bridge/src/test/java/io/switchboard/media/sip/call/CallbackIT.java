package io.switchboard.media.sip.call;

import static io.switchboard.media.sip.call.AgentPhones.EVENTS;
import static io.switchboard.media.sip.call.AgentPhones.callIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.TestBridge;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.media.sip.registrar.TestCredentials;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallbackRequested;
import io.switchboard.schemas.avro.CallbackScheduled;
import io.switchboard.schemas.avro.ParticipantLeft;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.SipTrunk;
import io.switchboard.schemas.avro.SipTrunkDirection;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.SharedKafka;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Calls the bridge dials out. Callbacks of SIP callers: a waiting caller asks to be called back and is let go (480); when routing
 * offers the callback, the bridge rings the agent's phone first, then dials the customer's number
 * over the tenant's outbound trunk (a JAIN-SIP phone standing in for the carrier), bridges the media
 * both ways, and the call ends as any other. A customer who does not answer ends the callback FAILED
 * and the agent's phone is hung up. An agent's call out (the gateway's OUTBOUND SIP call assigned to
 * the agent) rings the agent's phone and then dials the number the same way.
 */
class CallbackIT {

  private static final String PASSWORD = "correct-horse-battery";
  private static final String TENANT = "cb-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String REALM = TENANT + ".example";

  private static ConfigurableApplicationContext bridge;
  private static int sipPort;
  private static CallPhone carrier;
  private AgentPhones phones;

  @BeforeAll
  static void routingThenBridge() throws Exception {
    TestRouting.start();
    TestCredentials.publish(TENANT, REALM, List.of("quin"), PASSWORD, List.of("call-me"));
    TestCredentials.publish(TENANT, REALM, List.of("rae"), PASSWORD, List.of("no-answer"));
    TestCredentials.publish(TENANT, REALM, List.of("sam"), PASSWORD, List.of("sales"));
    // The carrier: every number the tenant dials out reaches this phone.
    carrier = new CallPhone("carrier");
    int carrierPort = Integer.parseInt(carrier.contact().substring(carrier.contact().lastIndexOf(':') + 1));
    SharedKafka.createTopics(List.of(Topics.SIP_TRUNKS, Topics.SIP_NUMBERS));
    try (EventProducer producer = new EventProducer()) {
      producer.send(Topics.SIP_TRUNKS, TENANT + "/carrier", SipTrunk.newBuilder().setEventId(UUID.randomUUID())
          .setTenantId(TENANT).setOccurredAt(Instant.now()).setSource("callback-it").setTrunkId("carrier")
          .setDirection(SipTrunkDirection.OUTBOUND).setOutboundHost("127.0.0.1").setOutboundPort(carrierPort)
          .setOutboundUsername("acct-7").setOutboundPassword("trunk-secret")
          .build());
    }
    sipPort = FreePorts.udpAndTcp();
    bridge = TestBridge.startWith(sipPort, TestBridge.dialledQueue(TENANT),
        "--switchboard.instance-id=callback-it-" + TENANT,
        "--switchboard.media.sip.registrar.min-expires=1");
  }

  @AfterAll
  static void stop() {
    if (bridge != null) {
      bridge.close();
    }
    if (carrier != null) {
      carrier.close();
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
  void aCallbackRingsTheAgentThenDialsTheCustomerOverTheOutboundTrunk() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS);
        EventLog<RoutingDecision> decisions = EventLog.of(Topics.ROUTING_DECISIONS)) {
      carrier.willAnswer(CallPhone.Answer.CHALLENGE, CallPhone.Answer.ANSWER);
      CallPhone caller = phones.keep(new CallPhone("cbcaller1"));
      caller.call(sipPort, "call-me", caller.sdp("PCMU", "PCMA", "telephone-event"));
      caller.awaitStatus(183);
      String callId = calls.await(e -> e.getPayload() instanceof CallCreated created
          && "cbcaller1".equals(created.getCustomerId()) && TENANT.equals(e.getTenantId()), EVENTS).getCallId();

      // The caller asks for a callback on another number (the gateway's POST …/callback writes this).
      publish(callId, new CallbackRequested("4930111"));
      decisions.await(d -> callId.equals(d.getCallId()) && d.getPayload() instanceof CallbackScheduled, EVENTS);
      assertThat(caller.awaitFinal().getStatusCode()).as("the caller is let go").isEqualTo(480);
      assertThat(((ParticipantLeft) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof ParticipantLeft, EVENTS).getPayload()).getReason()).isEqualTo("callback scheduled");

      // An agent comes: routing offers the callback, the agent's phone rings first.
      CallPhone quin = phones.agent("quin", agentEvents);
      RoutingOffered offer = (RoutingOffered) decisions.await(d -> callId.equals(d.getCallId())
          && d.getPayload() instanceof RoutingOffered, EVENTS).getPayload();
      assertThat(offer.getCallback()).isTrue();
      assertThat(callIdOf(quin.awaitRequest(Request.INVITE))).isEqualTo(callId);
      assertThat(quin.remoteSdp()).contains("PCMU").contains("PCMA").contains("telephone-event");
      calls.await(e -> callId.equals(e.getCallId()) && e.getPayload() instanceof CallAnswered, EVENTS);

      // Then the customer's number over the trunk, with the codec the agent's phone chose; the carrier
      // challenges, and the INVITE comes again with the trunk's digest (RFC 2617 without qop).
      List<Request> dialled = Poll.until(EVENTS, "the carrier receives the callback twice", () -> {
        List<Request> invites = carrier.requests.stream().filter(r -> Request.INVITE.equals(r.getMethod())
            && "4930111".equals(((SipURI) r.getRequestURI()).getUser())).toList();
        return invites.size() >= 2 ? invites : null;
      });
      assertThat(new String(dialled.get(0).getRawContent())).contains("RTP/AVP 0 101");
      assertThat(dialled.get(0).getHeader("Proxy-Authorization")).isNull();
      String authorization = dialled.get(1).getHeader("Proxy-Authorization").toString();
      assertThat(authorization).contains("username=\"acct-7\"").contains("realm=\"carrier.example\"");
      String uri = dialled.get(1).getRequestURI().toString();
      String expected = md5(md5("acct-7:carrier.example:trunk-secret") + ":n0nce:" + md5("INVITE:" + uri));
      assertThat(authorization).contains("response=\"" + expected + "\"");
      Poll.until(EVENTS, "the carrier's answer acknowledged", () -> carrier.received(Request.ACK) >= 1 ? true : null);
      talkBothWays(carrier, quin);

      carrier.bye();
      quin.awaitRequest(Request.BYE);
      CallEnded ended = (CallEnded) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallEnded, EVENTS).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.ENDED);
      assertThat(ended.getEndedBy()).isEqualTo("customer");
    }
  }

  @Test
  void aCustomerWhoDoesNotAnswerEndsTheCallbackAndTheAgentsPhoneIsHungUp() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS);
        EventLog<RoutingDecision> decisions = EventLog.of(Topics.ROUTING_DECISIONS)) {
      CallPhone caller = phones.keep(new CallPhone("cbcaller2"));
      caller.call(sipPort, "no-answer", caller.sdp("PCMU"));
      caller.awaitStatus(183);
      String callId = calls.await(e -> e.getPayload() instanceof CallCreated created
          && "cbcaller2".equals(created.getCustomerId()) && TENANT.equals(e.getTenantId()), EVENTS).getCallId();
      publish(callId, new CallbackRequested(null));
      decisions.await(d -> callId.equals(d.getCallId()) && d.getPayload() instanceof CallbackScheduled, EVENTS);
      assertThat(caller.awaitFinal().getStatusCode()).isEqualTo(480);

      carrier.willAnswer(CallPhone.Answer.BUSY);
      CallPhone rae = phones.agent("rae", agentEvents);
      rae.awaitRequest(Request.INVITE);
      // Called back on the caller's own number: its From user.
      Poll.until(EVENTS, "the carrier is asked for cbcaller2", () -> carrier.requests.stream()
          .anyMatch(r -> Request.INVITE.equals(r.getMethod()) && "cbcaller2".equals(((SipURI) r.getRequestURI()).getUser()))
          ? true : null);

      rae.awaitRequest(Request.BYE);
      CallEnded ended = (CallEnded) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallEnded, EVENTS).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.FAILED);
      assertThat(ended.getReason()).startsWith("callback not answered: 486");
    }
  }

  @Test
  void anAgentsCallOutRingsItsPhoneThenDialsTheNumber() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      CallPhone sam = phones.agent("sam", agentEvents);
      String callId = UUID.randomUUID().toString();

      // What the gateway's POST /api/v1/calls/outbound writes for agent-sam.
      publish(callId, CallCreated.newBuilder().setDirection(io.switchboard.schemas.avro.CallDirection.OUTBOUND)
          .setChannel(io.switchboard.schemas.avro.CallChannel.SIP).setCustomerId("4930222").setFromAddress("agent-sam")
          .setToAddress("4930222").setQueue("outbound").setAttributes(Map.of("placedBy", "agent-sam"))
          .setTags(List.of()).build());
      publish(callId, new io.switchboard.schemas.avro.CallQueued("outbound", null));
      publish(callId, new io.switchboard.schemas.avro.CallAssignmentRequested("agent-sam", "agent-sam"));

      assertThat(callIdOf(sam.awaitRequest(Request.INVITE))).isEqualTo(callId);
      calls.await(e -> callId.equals(e.getCallId()) && e.getPayload() instanceof CallAnswered, EVENTS);
      Poll.until(EVENTS, "the carrier is asked for 4930222", () -> carrier.requests.stream()
          .anyMatch(r -> Request.INVITE.equals(r.getMethod()) && "4930222".equals(((SipURI) r.getRequestURI()).getUser()))
          ? true : null);
      Poll.until(EVENTS, "the carrier's answer acknowledged", () -> carrier.requests.stream()
          .anyMatch(r -> Request.ACK.equals(r.getMethod()) && callIdOfCarrierCall("4930222").equals(
              ((javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId()))
          ? true : null);
      talkBothWays(carrier, sam);

      sam.bye();
      Poll.until(EVENTS, "the carrier's leg hung up", () -> carrier.requests.stream()
          .anyMatch(r -> Request.BYE.equals(r.getMethod()) && callIdOfCarrierCall("4930222").equals(
              ((javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId())) ? true : null);
      CallEnded ended = (CallEnded) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallEnded, EVENTS).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.ENDED);
      assertThat(ended.getEndedBy()).isEqualTo("agent-sam");
    }
  }

  /** The SIP Call-ID of the carrier's call for {@code number}. */
  private static String callIdOfCarrierCall(String number) {
    return carrier.requests.stream()
        .filter(r -> Request.INVITE.equals(r.getMethod()) && number.equals(((SipURI) r.getRequestURI()).getUser()))
        .map(r -> ((javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId())
        .findFirst().orElse("");
  }

  private static void publish(String callId, Object payload) {
    try (EventProducer producer = new EventProducer()) {
      producer.send(Topics.CALL_EVENTS, callId, new CallEvent(UUID.randomUUID(), TENANT, Instant.now(), "gateway",
          callId, payload));
    }
  }

  private static String md5(String text) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static void talkBothWays(CallPhone customer, CallPhone agent) {
    customer.sendRtp(1, 30);
    agent.sendRtp(1, 30);
    Poll.until(EVENTS, "RTP both ways", () -> agent.rtpFrom(customer.media.ssrc()) >= 25
        && customer.rtpFrom(agent.media.ssrc()) >= 25 ? true : null);
  }
}
