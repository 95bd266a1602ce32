package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.call.CallParties;
import io.switchboard.gateway.events.EventFactory;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.signaling.Signals;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallbackRequested;
import io.switchboard.schemas.avro.SignalingMessage;
import io.switchboard.schemas.call.CallState;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

class PartyCommandsTest {

  private final RecordingPublisher publisher = new RecordingPublisher();
  /** c-1's calls by id and state; any other call is unknown. */
  private final Map<String, CallState> calls = Map.of("queued", CallState.QUEUED, "ringing", CallState.RINGING,
      "talking", CallState.CONNECTED, "over", CallState.ENDED);
  private final CallParties parties = (caller, callId) -> Mono.justOrEmpty(calls.containsKey(callId)
      ? CallParties.side(caller, "a1", "c-1").map(side -> new CallParties.PartyCall(callId, calls.get(callId), side,
          "a1", "c-1"))
      : Optional.empty());
  private final EventFactory events = new EventFactory(Clock.systemUTC(), "gw-1");
  private final ClientCommands commands = new ClientCommands(new Frames(FrameCollector.JSON), new OfferBook(), events,
      publisher, null, Clock.systemUTC(), new PartyCommands(new Frames(FrameCollector.JSON),
          new Signals(parties, publisher, Clock.systemUTC(), "gw-1"), parties, events, publisher), null, null);
  private final AgentSession customer = new AgentSession("s1", new Caller("acme", "c-1", Set.of(Role.CUSTOMER), null), 64);
  private final FrameCollector client = new FrameCollector(customer);

  private void send(String type, String data) {
    commands.handle(customer, "{\"type\":\"" + type + "\",\"data\":" + data + "}").as(StepVerifier::create)
        .verifyComplete();
  }

  private String lastError() {
    JsonNode frame = client.last();
    assertThat(frame.get("type").stringValue()).isEqualTo("call:error");
    return frame.get("data").get("message").stringValue();
  }

  @Test
  void theCustomerHangsUpWithTheOutcomeItsCallsStateGives() {
    send("call:end", "{\"callId\":\"queued\",\"reason\":\"tired of waiting\"}");
    send("call:end", "{\"callId\":\"ringing\"}");
    send("call:end", "{\"callId\":\"talking\"}");

    assertThat(publisher.sent()).extracting(sent -> ((CallEnded) ((CallEvent) sent.value()).getPayload()).getOutcome())
        .containsExactly(CallOutcome.ABANDONED, CallOutcome.CANCELLED, CallOutcome.ENDED);
    CallEnded first = (CallEnded) ((CallEvent) publisher.sent().get(0).value()).getPayload();
    assertThat(first.getEndedBy()).isEqualTo("c-1");
    assertThat(first.getReason()).isEqualTo("tired of waiting");
  }

  @Test
  void endingAnEndedCallOrAnotherCustomersIsAnError() {
    send("call:end", "{\"callId\":\"over\"}");
    assertThat(lastError()).contains("already ENDED").contains("no transition");
    send("call:end", "{\"callId\":\"someone-elses\"}");
    assertThat(lastError()).contains("not found");
    send("call:end", "{}");
    assertThat(lastError()).contains("needs a callId");
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void aCallbackIsForAWaitingCallAndTheRefusalNamesTheAllowedTransitions() {
    send("call:callback", "{\"callId\":\"talking\"}");
    assertThat(lastError()).contains("CONNECTED").contains("needs a QUEUED call")
        .contains("From CONNECTED a call may move to").contains("ON_HOLD").contains("ENDED");
    send("call:callback", "{\"callId\":\"queued\",\"number\":\"has spaces\"}");
    assertThat(lastError()).contains("number");
    assertThat(publisher.sent()).isEmpty();

    send("call:callback", "{\"callId\":\"queued\",\"number\":\"+4930123456\"}");

    assertThat(publisher.sent()).singleElement().satisfies(sent -> assertThat(((CallEvent) sent.value()).getPayload())
        .isEqualTo(new CallbackRequested("+4930123456")));
  }

  @Test
  void aCustomerSignalsToItsAgentAndMaySendNoAgentsMessage() {
    send("webrtc:offer", "{\"callId\":\"talking\",\"sdp\":\"v=0\\r\\n\"}");
    assertThat(publisher.sent()).singleElement().satisfies(sent ->
        assertThat(((SignalingMessage) sent.value()).getTo()).isEqualTo("agent:a1"));
    send("webrtc:ice_candidate", "{\"callId\":\"talking\",\"candidate\":\"candidate:1\",\"sdpMLineIndex\":\"zero\"}");
    assertThat(lastError()).contains("sdpMLineIndex");
    send("webrtc:answer", "{\"callId\":\"queued\",\"sdp\":\"v=0\\r\\n\"}");
    assertThat(lastError()).contains("QUEUED");

    send("call:accept", "{\"callId\":\"queued\"}");
    assertThat(lastError()).contains("agent's message");
    send("call:teleport", "{}");
    assertThat(lastError()).contains("Unknown message type");
    assertThat(PartyCommands.allowed(CallState.ENDED)).isEqualTo("No transition leaves ENDED");
  }
}
