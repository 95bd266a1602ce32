package io.switchboard.media.sip.call;

import static io.switchboard.media.sip.call.AgentPhones.EVENTS;
import static io.switchboard.media.sip.call.AgentPhones.callIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.TestBridge;
import io.switchboard.media.sip.FreePorts;
import io.switchboard.media.sip.registrar.TestCredentials;
import io.switchboard.schemas.avro.AgentEvent;
import io.switchboard.schemas.avro.AssignmentRefused;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.TransferTargetType;
import io.switchboard.schemas.topics.Topics;
import io.switchboard.testsupport.EventLog;
import io.switchboard.testsupport.EventProducer;
import io.switchboard.testsupport.Poll;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Blind transfers of SIP calls through the running bridge and the real routing engine: by REFER from
 * the agent's phone to a queue and to another agent, refused by the bridge (a number, here without an
 * outbound trunk, among them) or by routing, and by the gateway's {@code CallTransferred}. Transfers to
 * numbers that are dialled are {@link TransferToNumberIT}'s. The caller's leg is never re-INVITEd: the relay's agent-side port takes the
 * next agent's phone, and the call keeps its id.
 */
class TransferIT {

  private static final String PASSWORD = "correct-horse-battery";
  private static final String TENANT = "xfer-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String REALM = TENANT + ".example";

  private static ConfigurableApplicationContext bridge;
  private static int sipPort;
  private AgentPhones phones;

  @BeforeAll
  static void routingThenBridge() throws Exception {
    TestRouting.start();
    TestCredentials.publish(TENANT, REALM, List.of("gil"), PASSWORD, List.of("front"));
    TestCredentials.publish(TENANT, REALM, List.of("hal"), PASSWORD, List.of("back"));
    TestCredentials.publish(TENANT, REALM, List.of("ivy"), PASSWORD, List.of("desk"));
    TestCredentials.publish(TENANT, REALM, List.of("jon"), PASSWORD, List.of("elsewhere"));
    TestCredentials.publish(TENANT, REALM, List.of("kim"), PASSWORD, List.of("stay"));
    TestCredentials.publish(TENANT, REALM, List.of("lee"), PASSWORD, List.of("api-from"));
    TestCredentials.publish(TENANT, REALM, List.of("mo"), PASSWORD, List.of("api-to"));
    sipPort = FreePorts.udpAndTcp();
    bridge = TestBridge.startWith(sipPort, TestBridge.dialledQueue(TENANT),
        "--switchboard.instance-id=transfer-it-" + TENANT,
        "--switchboard.media.sip.registrar.min-expires=1");
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
  void referToAQueueHandsTheCallerToThatQueuesAgent() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      CallPhone gil = phones.agent("gil", agentEvents);
      CallPhone hal = phones.agent("hal", agentEvents);
      CallPhone caller = phones.keep(new CallPhone("xcaller1"));
      caller.call(sipPort, "front", caller.sdp("PCMU", "telephone-event"));
      String callId = callIdOf(gil.awaitRequest(Request.INVITE));
      caller.awaitStatus(200);

      assertThat(gil.refer("<sip:back@" + REALM + ">").getStatusCode()).isEqualTo(202);

      CallTransferred transferred = (CallTransferred) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallTransferred, EVENTS).getPayload();
      assertThat(transferred.getTargetType()).isEqualTo(TransferTargetType.QUEUE);
      assertThat(transferred.getTarget()).isEqualTo("back");
      assertThat(transferred.getBy()).isEqualTo("agent-gil");
      assertThat(callIdOf(hal.awaitRequest(Request.INVITE))).as("the same call, offered in its new queue")
          .isEqualTo(callId);
      Poll.until(EVENTS, "NOTIFY 200 to the referring phone", () -> gil.notified().contains("SIP/2.0 200 OK") ? true : null);
      assertThat(gil.notified().get(0)).isEqualTo("SIP/2.0 100 Trying");
      gil.awaitRequest(Request.BYE);
      CallAnswered answered = (CallAnswered) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallAnswered answer && "agent-hal".equals(answer.getAgentId()), EVENTS)
          .getPayload();
      assertThat(answered.getReservationId()).isNotBlank();

      talkBothWays(caller, hal);
      assertThat(caller.received(Request.INVITE)).as("the caller's leg is not re-INVITEd").isZero();
      assertThat(caller.received(Request.BYE)).isZero();
      caller.bye();
      hal.awaitRequest(Request.BYE);
      CallEnded ended = (CallEnded) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallEnded, EVENTS).getPayload();
      assertThat(ended.getOutcome()).isEqualTo(CallOutcome.ENDED);
      assertThat(ended.getEndedBy()).isEqualTo("customer");
    }
  }

  @Test
  void referToAnAgentsExtensionRingsThatAgentEvenWhenThePhoneHangsUpAtOnce() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      CallPhone ivy = phones.agent("ivy", agentEvents);
      CallPhone jon = phones.agent("jon", agentEvents);
      CallPhone caller = phones.keep(new CallPhone("xcaller2"));
      caller.call(sipPort, "desk", caller.sdp("PCMA"));
      String callId = callIdOf(ivy.awaitRequest(Request.INVITE));
      caller.awaitStatus(200);

      // A phone's transfer key: the other agent's extension (its SIP username), then hang up.
      assertThat(ivy.refer("<sip:jon@" + REALM + ">").getStatusCode()).isEqualTo(202);
      ivy.bye();

      CallTransferred transferred = (CallTransferred) calls.await(e -> callId.equals(e.getCallId())
          && e.getPayload() instanceof CallTransferred, EVENTS).getPayload();
      assertThat(transferred.getTargetType()).isEqualTo(TransferTargetType.AGENT);
      assertThat(transferred.getTarget()).isEqualTo("agent-jon");
      assertThat(callIdOf(jon.awaitRequest(Request.INVITE))).isEqualTo(callId);
      assertThat(jon.remoteSdp()).as("the caller's codec offered to the next agent").contains("RTP/AVP 8");
      calls.await(e -> callId.equals(e.getCallId()) && e.getPayload() instanceof CallAnswered answer
          && "agent-jon".equals(answer.getAgentId()), EVENTS);

      talkBothWays(caller, jon);
      assertThat(calls.seen().stream().map(record -> record.value()).filter(e -> callId.equals(e.getCallId()))
          .noneMatch(e -> e.getPayload() instanceof CallEnded)).as("the transferring phone's BYE ends nothing").isTrue();
      jon.bye();
      caller.awaitRequest(Request.BYE);
      assertThat(((CallEnded) calls.await(e -> callId.equals(e.getCallId()) && e.getPayload() instanceof CallEnded,
          EVENTS).getPayload()).getEndedBy()).isEqualTo("agent-jon");
    }
  }

  @Test
  void aTransferRoutingRefusesIsNotifiedAndTheCallStaysWithItsAgent() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS);
        EventLog<RoutingDecision> decisions = EventLog.of(Topics.ROUTING_DECISIONS)) {
      CallPhone kim = phones.agent("kim", agentEvents);
      CallPhone caller = phones.keep(new CallPhone("xcaller3"));
      caller.call(sipPort, "stay", caller.sdp("PCMU"));
      String callId = callIdOf(kim.awaitRequest(Request.INVITE));
      caller.awaitStatus(200);

      // REFERs the bridge refuses before anything is published.
      assertThat(kim.refer(null).getStatusCode()).as("no Refer-To").isEqualTo(400);
      assertThat(kim.refer("<mailto:kim@" + REALM + ">").getStatusCode()).as("neither sip: nor tel:").isEqualTo(416);
      assertThat(kim.refer("<tel:+4930123456>").getStatusCode()).as("a number, without an outbound trunk").isEqualTo(403);
      assertThat(kim.refer("<sip:support@" + REALM + ";target=number>").getStatusCode()).as("no number").isEqualTo(400);
      assertThat(kim.refer("<sip:kim@" + REALM + ">").getStatusCode()).as("to itself").isEqualTo(403);
      assertThat(kim.refer("<sip:hal@" + REALM + "?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2>")
          .getStatusCode()).as("attended transfer").isEqualTo(501);
      assertThat(caller.refer("<sip:back@" + REALM + ">").getStatusCode()).as("from the caller").isEqualTo(403);
      assertThat(kim.notified()).isEmpty();

      // An agent that does not exist: routing refuses, the phone is told, the call goes on.
      assertThat(kim.refer("<sip:nobody@" + REALM + ";target=agent>").getStatusCode()).isEqualTo(202);
      AssignmentRefused refused = (AssignmentRefused) decisions.await(d -> callId.equals(d.getCallId())
          && d.getPayload() instanceof AssignmentRefused, EVENTS).getPayload();
      assertThat(refused.getAgentId()).isEqualTo("nobody");
      Poll.until(EVENTS, "a final NOTIFY", () -> kim.notified().size() >= 2 ? true : null);
      assertThat(kim.notified().get(1)).startsWith("SIP/2.0 480 ");

      talkBothWays(caller, kim);
      assertThat(kim.received(Request.BYE)).isZero();
      caller.bye();
      kim.awaitRequest(Request.BYE);
      assertThat(calls.awaitAll(e -> callId.equals(e.getCallId()) && e.getPayload() instanceof CallEnded, 1, EVENTS))
          .hasSize(1);
    }
  }

  @Test
  void theGatewaysTransferLetsTheAgentsPhoneGoAndRingsTheNextQueue() throws Exception {
    try (EventLog<AgentEvent> agentEvents = EventLog.of(Topics.AGENT_EVENTS);
        EventLog<CallEvent> calls = EventLog.of(Topics.CALL_EVENTS)) {
      CallPhone lee = phones.agent("lee", agentEvents);
      CallPhone mo = phones.agent("mo", agentEvents);
      CallPhone caller = phones.keep(new CallPhone("xcaller4"));
      caller.call(sipPort, "api-from", caller.sdp("PCMU"));
      String callId = callIdOf(lee.awaitRequest(Request.INVITE));
      caller.awaitStatus(200);
      calls.await(e -> callId.equals(e.getCallId()) && e.getPayload() instanceof CallAnswered, EVENTS);

      try (EventProducer producer = new EventProducer()) {
        producer.send(Topics.CALL_EVENTS, callId, new CallEvent(UUID.randomUUID(), TENANT, Instant.now(), "gateway",
            callId, new CallTransferred(TransferTargetType.QUEUE, "api-to", "agent-lee")));
      }

      lee.awaitRequest(Request.BYE);
      assertThat(callIdOf(mo.awaitRequest(Request.INVITE))).isEqualTo(callId);
      calls.await(e -> callId.equals(e.getCallId()) && e.getPayload() instanceof CallAnswered answer
          && "agent-mo".equals(answer.getAgentId()), EVENTS);
      talkBothWays(caller, mo);
      caller.bye();
      mo.awaitRequest(Request.BYE);
    }
  }

  /** RTP from each phone reaches the other through the relay. */
  private static void talkBothWays(CallPhone caller, CallPhone agent) {
    long fromCaller = agent.rtpFrom(caller.media.ssrc());
    long fromAgent = caller.rtpFrom(agent.media.ssrc());
    caller.sendRtp(1, 30);
    agent.sendRtp(1, 30);
    Poll.until(EVENTS, "RTP both ways between " + caller.media.ssrc() + " and " + agent.media.ssrc(),
        () -> agent.rtpFrom(caller.media.ssrc()) >= fromCaller + 25 && caller.rtpFrom(agent.media.ssrc()) >= fromAgent + 25
            ? true : null);
  }
}
