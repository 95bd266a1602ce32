package io.switchboard.gateway.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.call.CallParties;
import io.switchboard.gateway.events.RecordingPublisher;
import io.switchboard.gateway.security.Caller;
import io.switchboard.gateway.security.Role;
import io.switchboard.gateway.web.ApiException;
import io.switchboard.schemas.avro.SdpOffer;
import io.switchboard.schemas.avro.SignalingMessage;
import io.switchboard.schemas.call.CallState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class SignalsTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final String SDP = "v=0\r\ns=-\r\n";
  private static final Caller CUSTOMER = new Caller("acme", "c-1", Set.of(Role.CUSTOMER), null);
  private static final Caller AGENT = new Caller("acme", "user-a1", Set.of(Role.AGENT), "a1");

  private final RecordingPublisher publisher = new RecordingPublisher();
  /** Calls of acme between a1 and c-1, by id: k-connected, k-queued, k-no-agent. */
  private final Map<String, CallState> states = Map.of("k-connected", CallState.CONNECTED,
      "k-queued", CallState.QUEUED, "k-no-agent", CallState.CONNECTED, "k-held", CallState.ON_HOLD);
  private final CallParties parties = (caller, callId) -> !caller.tenant().equals("acme") || !states.containsKey(callId)
      ? Mono.empty()
      : Mono.justOrEmpty(CallParties.side(caller, "a1", "c-1").map(side -> new CallParties.PartyCall(callId,
          states.get(callId), side, callId.equals("k-no-agent") ? null : "a1", "c-1")));
  private final Signals signals = new Signals(parties, publisher, Clock.fixed(NOW, ZoneOffset.UTC), "gw-1");

  private static SignalRequest offer() {
    return new SignalRequest(SDP, null, null, null, null);
  }

  private int statusOf(Caller caller, String callId) {
    try {
      signals.send(caller, callId, SignalKind.OFFER, offer()).block();
      return 202;
    } catch (ApiException e) {
      return e.status().value();
    }
  }

  @Test
  void aPartysMessageIsAddressedToTheOtherPartyOnTheSignalingTopic() {
    signals.send(CUSTOMER, "k-connected", SignalKind.OFFER, offer()).as(StepVerifier::create)
        .assertNext(message -> {
          assertThat(message.getFrom()).isEqualTo("customer:c-1");
          assertThat(message.getTo()).isEqualTo("agent:a1");
          assertThat(message.getPayload()).isEqualTo(new SdpOffer(SDP));
          assertThat(message.getTenantId()).isEqualTo("acme");
          assertThat(message.getSource()).isEqualTo("gw-1");
          assertThat(message.getOccurredAt()).isEqualTo(NOW);
        })
        .verifyComplete();
    signals.send(AGENT, "k-held", SignalKind.OFFER, offer()).as(StepVerifier::create)
        .assertNext(message -> assertThat(message.getTo()).isEqualTo("customer:c-1")).verifyComplete();

    assertThat(publisher.sent()).hasSize(2).allSatisfy(sent -> {
      assertThat(sent.topic()).isEqualTo("signaling");
      assertThat(sent.key()).isEqualTo(((SignalingMessage) sent.value()).getCallId());
    });
  }

  @Test
  void theClientsEventIdIsTheMessagesId() {
    UUID id = UUID.randomUUID();
    SignalingMessage message = signals.send(CUSTOMER, "k-connected", SignalKind.OFFER,
        new SignalRequest(SDP, null, null, null, id.toString())).block();
    assertThat(message.getEventId()).isEqualTo(id);
  }

  @Test
  void nonPartiesRolesThatNeverSignalAndCallsNotAnsweredAreRefused() {
    assertThat(statusOf(new Caller("acme", "u-a2", Set.of(Role.AGENT), "a2"), "k-connected")).isEqualTo(404);
    assertThat(statusOf(new Caller("acme", "c-2", Set.of(Role.CUSTOMER), null), "k-connected")).isEqualTo(404);
    assertThat(statusOf(new Caller("globex", "c-1", Set.of(Role.CUSTOMER), null), "k-connected")).isEqualTo(404);
    assertThat(statusOf(CUSTOMER, "k-unknown")).isEqualTo(404);
    assertThat(statusOf(new Caller("acme", "sup", Set.of(Role.SUPERVISOR), null), "k-connected")).isEqualTo(403);
    assertThat(statusOf(CUSTOMER, "k-queued")).isEqualTo(409);
    assertThat(statusOf(CUSTOMER, "k-no-agent")).isEqualTo(409);
    assertThat(statusOf(CUSTOMER, "not an id")).isEqualTo(400);
    assertThat(publisher.sent()).isEmpty();
  }

  @Test
  void aBadMessageIsRefusedBeforeTheCallIsLookedUp() {
    CallParties unreachable = (caller, callId) -> Mono.error(new IllegalStateException("call-state down"));
    Signals checking = new Signals(unreachable, publisher, Clock.systemUTC(), "gw-1");

    checking.send(CUSTOMER, "k-connected", SignalKind.OFFER, new SignalRequest("nope", null, null, null, null))
        .as(StepVerifier::create)
        .expectErrorSatisfies(e -> assertThat(((ApiException) e).status().value()).isEqualTo(400))
        .verify();
  }
}
