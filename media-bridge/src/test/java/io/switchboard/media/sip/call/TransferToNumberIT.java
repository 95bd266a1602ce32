package io.switchboard.media.sip.call;

import static io.switchboard.media.sip.call.AgentPhones.EVENTS;
import static io.switchboard.media.sip.call.AgentPhones.callIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.TestBridge;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.media.sip.registrar.TestCredentials;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.NumberTransferFailed;
import io.switchboard.schemas.avro.NumberTransferRequested;
import io.switchboard.schemas.avro.SipTrunk;
import io.switchboard.schemas.avro.SipTrunkDirection;
import io.switchboard.schemas.avro.TransferTargetType;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.SharedKafka;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Blind transfers of SIP calls to a number, through the running bridge and the real routing engine: the
 * agent's phone REFERs the call to a {@code tel:} (or {@code user=phone}) URI and the bridge dials it over
 * the tenant's outbound trunk (a JAIN-SIP phone standing in for the carrier). Its answer takes the
 * agent's place on the relay; its refusal, or its silence past the transfer timeout (3 s here), leaves
 * the call with its agent. The gateway's transfer API asks for the same with {@code NumberTransferRequested}
 * on call.events, and every failure is published as {@code NumberTransferFailed}.
 */
class TransferToNumberIT {

  private static final String PASSWORD = "correct-horse-battery";
  private static final String TENANT = "xnum-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String REALM = TENANT + ".example";

  private static ConfigurableApplicationContext bridge;
  private static int sipPort;
  private static CallPhone carrier;
  private AgentPhones phones;

  @BeforeAll
  static void routingThenBridge() throws Exception {
    TestRouting.start();
    TestCredentials.publish(TENANT, REALM, List.of("nia"), PASSWORD, List.of("to-number"));
    TestCredentials.publish(TENANT, REALM, List.of("oto"), PASSWORD, List.of("busy-number"));
    TestCredentials.publish(TENANT, REALM, List.of("pam"), PASSWORD, List.of("hang-up-first"));
    TestCredentials.publish(TENANT, REALM, List.of("ray"), PASSWORD, List.of("no-answer"));
    TestCredentials.publish(TENANT, REALM, List.of("sue"), PASSWORD, List.of("api-number"));
    // The carrier: every number the tenant dials out reaches this phone.
    carrier = new CallPhone("carrier");
    int carrierPort = Integer.parseInt(carrier.contact().substring(carrier.contact().lastIndexOf(':') + 1));
    SharedKafka.createTopics(List.of(Topics.SIP_TRUNKS, Topics.SIP_NUMBERS));
    try (EventProducer producer = new EventProducer()) {
      producer.send(Topics.SIP_TRUNKS, TENANT + "/carrier", SipTrunk.newBuilder().setEventId(UUID.randomUUID())
          .setTenantId(TENANT).setOccurredAt(Instant.now()).setSource("transfer-to-number-it").setTrunkId("carrier")
          .setDirection(SipTrunkDirection.OUTBOUND).setOutboundHost("127.0.0.1").setOutboundPort(carrierPort)
          .setOutboundUsername("acct-9").setOutboundPassword("trunk-secret")
          .build());
    }
    sipPort = FreePorts.udpAndTcp();
    bridge = TestBridge.startWith(sipPort, TestBridge.dialledQueue(TENANT),
        "--switchboard.instance-id=transfer-to-number-it-" + TENANT,
        "--switchboard.media.sip.registrar.min-expires=1",
        "--switchboard.media.sip.call.transfer-timeout=3s",
        // Short session timers, for a number that asks for one (the phones here ask for none).
        "--switchboard.media.sip.call.session-expires=4s",
        "--switchboard.media.sip.call.min-session-expires=2s");
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
    carrier.answerPlainly();
    phones.close();
  }

  @Test
  void referToATelUriDialsTheNumberAndTheCallLeavesTheContactCenter() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      carrier.willAnswer(CallPhone.Answer.CHALLENGE, CallPhone.Answer.ANSWER);
      Connected call = connect("nia", "ncaller1", "to-number", agentEvents, calls, "PCMU", "telephone-event");
      CallPhone nia = call.agent();
      CallPhone caller = call.caller();
      String callId = call.callId();

      assertThat(nia.refer("<tel:+1-555-0100-123>").getStatusCode()).isEqualTo(202);

      // The carrier is INVITEd for the number with the caller's codec, challenges, and gets it again.
      List<Request> dialled = Poll.until(EVENTS, "the carrier receives the number twice", () -> {
        List<Request> invites = invitesFor("15550100123");
        return invites.size() >= 2 ? invites : null;
      });
      assertThat(new String(dialled.get(0).getRawContent())).contains("RTP/AVP 0 101");
      assertThat(dialled.get(0).getHeader("Supported").toString()).as("a session timer offered").contains("timer");
      assertThat(dialled.get(0).getHeader("Session-Expires")).isNotNull();
      assertThat(dialled.get(1).getHeader("Proxy-Authorization").toString()).contains("username=\"acct-9\"");
      String carrierCall = sipCallIdOf(dialled.get(1));
      Poll.until(EVENTS, "the carrier's answer acknowledged", () -> carrier.requests.stream()
          .anyMatch(r -> Request.ACK.equals(r.getMethod()) && carrierCall.equals(sipCallIdOf(r))) ? true : null);

      Poll.until(EVENTS, "NOTIFY 200 to the referring phone", () -> nia.notified().contains("SIP/2.0 200 OK") ? true : null);
      assertThat(nia.notified().get(0)).isEqualTo("SIP/2.0 100 Trying");
      nia.awaitRequest(Request.BYE);
      CallTransferred transferred = (CallTransferred) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallTransferred, EVENTS).getPayload();
      assertThat(transferred.getTargetType()).isEqualTo(TransferTargetType.EXTERNAL);
      assertThat(transferred.getTarget()).isEqualTo("15550100123");
      assertThat(transferred.getBy()).isEqualTo("agent-nia");
      assertThat(payloadsOf(calls, callId)).as("the request, then the transfer").containsSubsequence(
          new NumberTransferRequested("15550100123", "agent-nia"), transferred);

      talkBothWays(caller, carrier);
      assertThat(caller.received(Request.INVITE)).as("the caller's leg is not re-INVITEd").isZero();
      assertThat(caller.received(Request.BYE)).isZero();

      carrier.bye();
      caller.awaitRequest(Request.BYE);
      assertThat(calls.seen().stream().map(record -> record.value()).filter(e -> callId.equals(e.getCallId()))
          .noneMatch(e -> e.getPayload() instanceof CallEnded))
          .as("the transfer ended the call for routing and call-state: no CallEnded after it").isTrue();
    }
  }

  @Test
  void aBusyNumberIsNotifiedAndTheCallStaysWithItsAgent() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      carrier.willAnswer(CallPhone.Answer.BUSY);
      Connected call = connect("oto", "ncaller2", "busy-number", agentEvents, calls, "PCMU");
      CallPhone oto = call.agent();
      CallPhone caller = call.caller();
      String callId = call.callId();

      assertThat(oto.refer("<sip:+4930555@" + REALM + ";user=phone>").getStatusCode()).isEqualTo(202);
      Poll.until(EVENTS, "the carrier is asked for 4930555", () -> invitesFor("4930555").isEmpty() ? null : true);
      Poll.until(EVENTS, "a final NOTIFY", () -> oto.notified().size() >= 2 ? true : null);
      assertThat(oto.notified().get(0)).isEqualTo("SIP/2.0 100 Trying");
      assertThat(oto.notified().get(1)).startsWith("SIP/2.0 486 ");

      talkBothWays(caller, oto);
      assertThat(oto.received(Request.BYE)).isZero();
      caller.bye();
      oto.awaitRequest(Request.BYE);
      CallEnded ended = (CallEnded) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallEnded, EVENTS).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.ENDED);
      assertThat(ended.getEndedBy()).isEqualTo("customer");
      assertThat(payloadsOf(calls, callId)).as("a refused transfer is published as failed, not as transferred")
          .noneMatch(payload -> payload instanceof CallTransferred)
          .anySatisfy(payload -> assertThat(payload).isInstanceOfSatisfying(NumberTransferFailed.class, failed -> {
            assertThat(failed.getNumber()).isEqualTo("4930555");
            assertThat(failed.getStatus()).isEqualTo(486);
            assertThat(failed.getBy()).isEqualTo("agent-oto");
          }));
    }
  }

  @Test
  void aCallerWhoHangsUpWhileTheNumberRingsCancelsItAndEndsTheCall() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      carrier.willAnswer(CallPhone.Answer.RING);
      Connected call = connect("pam", "ncaller3", "hang-up-first", agentEvents, calls, "PCMA");
      CallPhone pam = call.agent();
      CallPhone caller = call.caller();
      String callId = call.callId();

      assertThat(pam.refer("<sip:4930666@" + REALM + ";target=number>").getStatusCode()).isEqualTo(202);
      Request invite = Poll.until(EVENTS, "the carrier is asked for 4930666",
          () -> invitesFor("4930666").stream().findFirst().orElse(null));
      assertThat(new String(invite.getRawContent())).as("the caller's codec").contains("RTP/AVP 8");
      caller.bye();

      Poll.until(EVENTS, "CANCEL to the carrier", () -> carrier.requests.stream()
          .anyMatch(r -> Request.CANCEL.equals(r.getMethod()) && sipCallIdOf(invite).equals(sipCallIdOf(r))) ? true : null);
      pam.awaitRequest(Request.BYE);
      CallEnded ended = (CallEnded) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallEnded, EVENTS).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.ENDED);
      assertThat(ended.getEndedBy()).isEqualTo("customer");
    }
  }

  @Test
  void aNumberThatDoesNotAnswerInTimeIsCancelledAndTheCallStaysWithItsAgent() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      carrier.willAnswer(CallPhone.Answer.RING);
      Connected call = connect("ray", "ncaller4", "no-answer", agentEvents, calls, "PCMU");
      CallPhone ray = call.agent();
      CallPhone caller = call.caller();
      String callId = call.callId();

      assertThat(ray.refer("<tel:+4930777>").getStatusCode()).isEqualTo(202);
      Request invite = Poll.until(EVENTS, "the carrier is asked for 4930777",
          () -> invitesFor("4930777").stream().findFirst().orElse(null));
      // transfer-timeout is 3 s here: the bridge gives up, cancels the INVITE and tells the phone.
      Poll.until(EVENTS, "a final NOTIFY", () -> ray.notified().size() >= 2 ? true : null);
      assertThat(ray.notified().get(1)).isEqualTo("SIP/2.0 408 Request Timeout");
      Poll.until(EVENTS, "CANCEL to the carrier", () -> carrier.requests.stream()
          .anyMatch(r -> Request.CANCEL.equals(r.getMethod()) && sipCallIdOf(invite).equals(sipCallIdOf(r))) ? true : null);

      talkBothWays(caller, ray);
      assertThat(ray.received(Request.BYE)).isZero();
      ray.bye();
      caller.awaitRequest(Request.BYE);
      CallEnded ended = (CallEnded) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallEnded, EVENTS).getPayload();
      assertThat(ended.getEndedBy()).isEqualTo("agent-ray");
      assertThat(payloadsOf(calls, callId)).noneMatch(payload -> payload instanceof CallTransferred)
          .contains(new NumberTransferFailed("4930777", 408, "Request Timeout", "agent-ray"));
    }
  }

  @Test
  void theGatewaysTransferToANumberDialsItAndLetsTheAgentsPhoneGoOnceItAnswers() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      carrier.willAnswer(CallPhone.Answer.ANSWER);
      carrier.answerWith("Session-Expires", "4;refresher=uac");
      Connected call = connect("sue", "ncaller5", "api-number", agentEvents, calls, "PCMU");
      CallPhone sue = call.agent();
      CallPhone caller = call.caller();
      String callId = call.callId();

      askForNumber(callId, "4930888", "supervisor-1");

      Request invite = Poll.until(EVENTS, "the carrier is asked for 4930888",
          () -> invitesFor("4930888").stream().findFirst().orElse(null));
      assertThat(new String(invite.getRawContent())).contains("RTP/AVP 0");
      sue.awaitRequest(Request.BYE);
      CallTransferred transferred = (CallTransferred) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallTransferred, EVENTS).getPayload();
      assertThat(transferred).isEqualTo(new CallTransferred(TransferTargetType.EXTERNAL, "4930888", "supervisor-1"));
      assertThat(sue.notified()).as("no REFER, so no NOTIFY").isEmpty();
      talkBothWays(caller, carrier);
      // The number's 200 made the bridge the refresher of a 4 s session: a re-INVITE within the call.
      Poll.until(EVENTS, "the bridge refreshes the number's session", () -> {
        synchronized (carrier.requests) {
          return carrier.requests.stream().filter(r -> Request.INVITE.equals(r.getMethod())
              && sipCallIdOf(invite).equals(sipCallIdOf(r))).count() >= 2 ? true : null;
        }
      });

      // The call has left the contact center: a second request is refused, and published as such.
      askForNumber(callId, "4930999", "supervisor-1");
      NumberTransferFailed refused = (NumberTransferFailed) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof NumberTransferFailed, EVENTS).getPayload();
      assertThat(refused.getStatus()).isEqualTo(403);
      assertThat(refused.getReason()).isEqualTo("The call has been transferred out of the contact center");
      assertThat(invitesFor("4930999")).isEmpty();

      caller.bye();
      Poll.until(EVENTS, "BYE to the number", () -> carrier.requests.stream()
          .anyMatch(r -> Request.BYE.equals(r.getMethod()) && sipCallIdOf(invite).equals(sipCallIdOf(r))) ? true : null);
    }
  }

  /** An agent's phone and a caller talking through the bridge, with the call's id. */
  private record Connected(CallPhone agent, CallPhone caller, String callId) {}

  /** Registers the agent's phone, calls {@code number} from a new caller, and waits for the call to be answered. */
  private Connected connect(String agent, String callerName, String number, EventLog<AgentEvent> agentEvents,
      EventLog<CallEvent> calls, String... codecs) throws Exception {
    CallPhone phone = phones.agent(agent, agentEvents);
    CallPhone caller = phones.keep(new CallPhone(callerName));
    caller.call(sipPort, number, caller.sdp(codecs));
    String callId = callIdOf(phone.awaitRequest(Request.INVITE));
    caller.awaitStatus(200);
    calls.await(e -> callId.equals(e.getCallId()) && e.getPayload() instanceof CallAnswered, EVENTS);
    return new Connected(phone, caller, callId);
  }

  /** What the gateway's {@code POST /api/v1/calls/{id}/transfer {"number": ...}} publishes. */
  private static void askForNumber(String callId, String number, String by) {
    try (EventProducer producer = new EventProducer()) {
      producer.send(Topics.CALL_EVENTS, callId, new CallEvent(UUID.randomUUID(), TENANT, Instant.now(),
          "gateway-transfer-to-number-it", callId, new NumberTransferRequested(number, by)));
    }
  }

  private static List<Object> payloadsOf(EventLog<CallEvent> calls, String callId) {
    return calls.seen().stream().map(record -> record.value()).filter(e -> callId.equals(e.getCallId()))
        .map(CallEvent::getPayload).toList();
  }

  private static List<Request> invitesFor(String number) {
    synchronized (carrier.requests) {
      return carrier.requests.stream().filter(r -> Request.INVITE.equals(r.getMethod())
          && number.equals(((SipURI) r.getRequestURI()).getUser())).toList();
    }
  }

  private static String sipCallIdOf(Request request) {
    return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
  }

  /** RTP from each side reaches the other through the relay (counted at each end, from where it stood). */
  private static void talkBothWays(CallPhone caller, CallPhone other) {
    long fromCaller = other.rtpFrom(caller.media.ssrc());
    long fromOther = caller.rtpFrom(other.media.ssrc());
    caller.sendRtp(1, 30);
    other.sendRtp(1, 30);
    Poll.until(EVENTS, "RTP both ways between " + caller.media.ssrc() + " and " + other.media.ssrc(),
        () -> other.rtpFrom(caller.media.ssrc()) >= fromCaller + 25 && caller.rtpFrom(other.media.ssrc()) >= fromOther + 25
            ? true : null);
  }
}
