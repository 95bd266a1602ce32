package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallHeld;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallResumed;
import io.switchboard.schemas.avro.DtmfMethod;
import io.switchboard.schemas.avro.DtmfReceived;
import io.switchboard.schemas.avro.NumberTransferFailed;
import io.switchboard.schemas.avro.ParticipantJoined;
import io.switchboard.schemas.avro.ParticipantLeft;
import io.switchboard.schemas.avro.ParticipantRole;
import io.switchboard.schemas.avro.ParticipantUpdated;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingQueued;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ParticipantNotifierTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private final SessionRegistry sessions = new SessionRegistry();
  private final ParticipantNotifier notifier = new ParticipantNotifier(sessions, new Frames(FrameCollector.JSON),
      new CallRoster(100));
  private final FrameCollector customer;
  private final FrameCollector a1;
  private final FrameCollector a2;
  private final FrameCollector otherCustomer;

  ParticipantNotifierTest() {
    sessions.start();
    customer = connect(new Caller("acme", "cust-1", Set.of(Role.CUSTOMER), null));
    otherCustomer = connect(new Caller("acme", "cust-2", Set.of(Role.CUSTOMER), null));
    a1 = connect(FrameCollector.agent("acme", "a1"));
    a2 = connect(FrameCollector.agent("acme", "a2"));
  }

  private FrameCollector connect(Caller caller) {
    AgentSession session = new AgentSession(UUID.randomUUID().toString(), caller, 64);
    sessions.add(session);
    return new FrameCollector(session);
  }

  private void call(Object payload) {
    notifier.onCallEvent(new CallEvent(UUID.randomUUID(), "acme", NOW, "gw-1", "k1", payload));
  }

  private void decision(Object payload, String reason) {
    notifier.onRoutingDecision(new RoutingDecision(UUID.randomUUID(), "acme", NOW, "routing-1", "k1", "sales", reason,
        payload));
  }

  private void createdAndAnsweredByA1() {
    call(new CallCreated(CallDirection.INBOUND, CallChannel.WEBRTC, "cust-1", null, null, "sales", Map.of(), List.of()));
    decision(new ReservationAccepted("a1", "r-1"), "agent a1 answered");
  }

  /** "type participant-id" of each frame, in order. */
  private static List<String> seen(FrameCollector client) {
    return client.frames().stream()
        .map(f -> f.get("type").stringValue() + " " + f.get("data").get("participant").get("id").stringValue())
        .toList();
  }

  private static JsonNode last(FrameCollector client) {
    return client.last().get("data");
  }

  @Test
  void whenRoutingAcceptsTheAgentsAnswerTheAgentJoinsAndLearnsTheCustomerIsThere() {
    createdAndAnsweredByA1();

    assertThat(seen(customer)).containsExactly("call:participant_joined a1");
    assertThat(seen(a1)).containsExactly("call:participant_joined a1", "call:participant_joined customer");
    JsonNode joined = customer.frames().get(0).get("data");
    assertThat(joined.get("callId").stringValue()).isEqualTo("k1");
    assertThat(joined.get("participant").toString()).isEqualTo(
        "{\"id\":\"a1\",\"role\":\"AGENT\",\"displayName\":null,\"audio\":true,\"video\":false,\"screenShare\":false}");
    assertThat(joined.get("onHold").booleanValue()).isFalse();
    assertThat(joined.get("reason").isNull()).isTrue();
    assertThat(a1.frames().get(1).get("data").get("participant").get("role").stringValue()).isEqualTo("CUSTOMER");
    assertThat(otherCustomer.frames()).isEmpty();
    assertThat(a2.frames()).isEmpty();
  }

  @Test
  void theSameAcceptanceTwiceJoinsOnce() {
    createdAndAnsweredByA1();
    decision(new ReservationAccepted("a1", "r-1"), null);

    assertThat(seen(customer)).containsExactly("call:participant_joined a1");
    assertThat(a1.frames()).hasSize(2);
  }

  @Test
  void aMediaChangeOrAHoldIsAnUpdateToEveryParty() {
    createdAndAnsweredByA1();
    call(new ParticipantUpdated("a1", false, null, null));

    JsonNode muted = last(customer);
    assertThat(customer.last().get("type").stringValue()).isEqualTo("call:participant_updated");
    assertThat(muted.get("participant").get("audio").booleanValue()).isFalse();
    assertThat(muted.get("participant").get("video").booleanValue()).isFalse();
    assertThat(last(a1)).isEqualTo(muted);

    call(new ParticipantUpdated("a1", null, true, true));
    assertThat(last(customer).get("participant").toString()).isEqualTo(
        "{\"id\":\"a1\",\"role\":\"AGENT\",\"displayName\":null,\"audio\":false,\"video\":true,\"screenShare\":true}");

    call(new CallHeld("a1"));
    assertThat(last(customer).get("onHold").booleanValue()).isTrue();
    assertThat(last(customer).get("participant").get("id").stringValue()).isEqualTo("a1");
    assertThat(last(a1).get("onHold").booleanValue()).isTrue();
    call(new CallResumed("a1"));
    assertThat(last(customer).get("onHold").booleanValue()).isFalse();
    assertThat(seen(customer)).containsExactly("call:participant_joined a1", "call:participant_updated a1",
        "call:participant_updated a1", "call:participant_updated a1", "call:participant_updated a1");
  }

  @Test
  void aTransferTakesTheAgentOutAndTheNextAgentIn() {
    createdAndAnsweredByA1();
    call(new ParticipantUpdated("a1", false, null, null));
    // Routing queues the call again when it takes the transfer: the agent who had it is released.
    decision(new RoutingQueued(1, 100), "transferred by a1: entered queue billing at priority 100");

    assertThat(customer.last().get("type").stringValue()).isEqualTo("call:participant_left");
    assertThat(last(customer).get("reason").stringValue()).startsWith("transferred by a1");
    assertThat(last(a1)).isEqualTo(last(customer));

    decision(new ReservationAccepted("a2", "r-2"), null);
    assertThat(seen(customer)).containsExactly("call:participant_joined a1", "call:participant_updated a1",
        "call:participant_left a1", "call:participant_joined a2");
    assertThat(seen(a2)).containsExactly("call:participant_joined a2", "call:participant_joined customer");
    assertThat(seen(a1)).doesNotContain("call:participant_joined a2");
    // The new agent joins with its microphone on: a1's mute was a1's.
    assertThat(last(customer).get("participant").get("audio").booleanValue()).isTrue();
  }

  @Test
  void anotherAgentsAcceptanceReplacesTheAgentInTheCall() {
    createdAndAnsweredByA1();
    decision(new ReservationAccepted("a2", "r-2"), null);

    assertThat(seen(customer)).containsExactly("call:participant_joined a1", "call:participant_left a1",
        "call:participant_joined a2");
    assertThat(last(a1).get("reason").stringValue()).isEqualTo("agent a2 took the call");
  }

  @Test
  void whenTheCustomerHangsUpTheAgentIsToldTheCustomerLeftThenItself() {
    createdAndAnsweredByA1();
    call(new CallEnded(CallOutcome.ENDED, "customer hung up", "cust-1"));

    assertThat(seen(a1)).containsExactly("call:participant_joined a1", "call:participant_joined customer",
        "call:participant_left customer", "call:participant_left a1");
    assertThat(seen(customer)).endsWith("call:participant_left customer", "call:participant_left a1");
    assertThat(last(a1).get("reason").stringValue()).isEqualTo("customer hung up");

    // The call is gone: nothing more about it.
    call(new ParticipantUpdated("a1", true, null, null));
    assertThat(a1.frames()).hasSize(4);
  }

  @Test
  void anEndWithoutAReasonNamesTheOutcomeAndTheEnderLeavesFirst() {
    createdAndAnsweredByA1();
    call(new CallEnded(CallOutcome.ENDED, null, "a1"));

    assertThat(seen(customer)).endsWith("call:participant_left a1", "call:participant_left customer");
    assertThat(last(customer).get("reason").stringValue()).isEqualTo("the call ended (ENDED)");
  }

  @Test
  void participantEventsOfOtherServicesJoinAndLeaveOthers() {
    createdAndAnsweredByA1();
    call(new ParticipantJoined("sup-1", ParticipantRole.SUPERVISOR, "Sue", true, false));
    assertThat(customer.last().get("type").stringValue()).isEqualTo("call:participant_joined");
    assertThat(last(customer).get("participant").get("displayName").stringValue()).isEqualTo("Sue");
    assertThat(last(a1).get("participant").get("role").stringValue()).isEqualTo("SUPERVISOR");

    call(new ParticipantJoined("a1", ParticipantRole.AGENT, null, true, false));
    call(new ParticipantLeft("sup-1", "done listening"));
    assertThat(seen(customer)).containsExactly("call:participant_joined a1", "call:participant_joined sup-1",
        "call:participant_left sup-1");
    assertThat(last(customer).get("reason").stringValue()).isEqualTo("done listening");
  }

  @Test
  void aKeyPressGoesToTheCallsAgentOnlyAsCallDtmf() {
    createdAndAnsweredByA1();
    int customerFrames = customer.frames().size();
    int a1Frames = a1.frames().size();

    call(new DtmfReceived("customer", "7", 120, DtmfMethod.RFC4733));
    call(new DtmfReceived("a1", "#", null, DtmfMethod.SIP_INFO));

    assertThat(a1.frames()).hasSize(a1Frames + 2);
    JsonNode first = a1.frames().get(a1Frames);
    assertThat(first.get("type").stringValue()).isEqualTo("call:dtmf");
    assertThat(first.get("data").toString())
        .isEqualTo("{\"callId\":\"k1\",\"participantId\":\"customer\",\"digit\":\"7\",\"method\":\"RFC4733\"}");
    assertThat(last(a1).toString())
        .isEqualTo("{\"callId\":\"k1\",\"participantId\":\"a1\",\"digit\":\"#\",\"method\":\"SIP_INFO\"}");
    assertThat(customer.frames()).hasSize(customerFrames);
    assertThat(a2.frames()).isEmpty();
    assertThat(otherCustomer.frames()).isEmpty();
  }

  @Test
  void aFailedTransferToANumberTellsTheCallsAgentAndWhoAskedOnly() {
    createdAndAnsweredByA1();
    int customerFrames = customer.frames().size();
    int a1Frames = a1.frames().size();

    call(new NumberTransferFailed("15550100", 486, "Busy Here", "a2"));

    assertThat(a1.frames()).hasSize(a1Frames + 1);
    assertThat(a1.last().get("type").stringValue()).isEqualTo("call:transfer_failed");
    assertThat(last(a1).toString()).isEqualTo(
        "{\"callId\":\"k1\",\"number\":\"15550100\",\"status\":486,\"reason\":\"Busy Here\",\"by\":\"a2\"}");
    assertThat(a2.frames()).singleElement()
        .satisfies(frame -> assertThat(frame.get("type").stringValue()).isEqualTo("call:transfer_failed"));
    assertThat(customer.frames()).hasSize(customerFrames);
    assertThat(otherCustomer.frames()).isEmpty();
  }

  @Test
  void aKeyPressOfACallWithNoAgentOrThatEndedTellsNobody() {
    call(new CallCreated(CallDirection.INBOUND, CallChannel.WEBRTC, "cust-1", null, null, "sales", Map.of(), List.of()));
    call(new DtmfReceived("customer", "1", null, DtmfMethod.RFC4733));
    decision(new ReservationAccepted("a1", "r-1"), "agent a1 answered");
    call(new CallEnded(CallOutcome.ENDED, "bye", "cust-1"));
    int a1Frames = a1.frames().size();

    call(new DtmfReceived("customer", "2", null, DtmfMethod.RFC4733));

    assertThat(a1.frames()).hasSize(a1Frames);
    assertThat(a1.frames()).noneMatch(frame -> frame.get("type").stringValue().equals("call:dtmf"));
    assertThat(customer.frames()).noneMatch(frame -> frame.get("type").stringValue().equals("call:dtmf"));
  }

  @Test
  void aCallThisInstanceDidNotSeeCreatedStillTellsItsAgent() {
    decision(new ReservationAccepted("a1", "r-1"), null);

    assertThat(seen(a1)).containsExactly("call:participant_joined a1");
    assertThat(customer.frames()).isEmpty();
  }

  @Test
  void theRosterForgetsTheLeastRecentlyTouchedCalls() {
    CallRoster roster = new CallRoster(2);
    CallRoster.Participant nobody = CallRoster.Participant.joining("customer", ParticipantRole.CUSTOMER);
    roster.created("acme", "c1", null, nobody);
    roster.created("acme", "c2", null, nobody);
    roster.find("acme", "c1");
    roster.created("acme", "c3", null, nobody);

    assertThat(roster.size()).isEqualTo(2);
    assertThat(roster.find("acme", "c2")).isEmpty();
    assertThat(roster.find("acme", "c1")).isPresent();
    assertThat(roster.find("other", "c1")).isEmpty();
  }
}
