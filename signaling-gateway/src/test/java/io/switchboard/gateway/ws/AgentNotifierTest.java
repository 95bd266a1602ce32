package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallChannel;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallEvent;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.OfferRescinded;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.testsupport.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AgentNotifierTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  private final SessionRegistry sessions = new SessionRegistry();
  private final OfferBook offers = new OfferBook();
  private final FakeClock clock = new FakeClock(NOW);
  private final AgentNotifier notifier = new AgentNotifier(sessions, offers, new Frames(FrameCollector.JSON),
      clock, Duration.ofSeconds(60));

  AgentNotifierTest() {
    sessions.start();
  }

  private FrameCollector connect(String tenant, String agentId) {
    AgentSession session = new AgentSession(UUID.randomUUID().toString(), FrameCollector.agent(tenant, agentId), 64);
    sessions.add(session);
    return new FrameCollector(session);
  }

  private static RoutingDecision decision(String tenant, String callId, Object payload) {
    return new RoutingDecision(UUID.randomUUID(), tenant, NOW, "routing-1", callId, "sales", null, payload);
  }

  private static CallEvent ended(String tenant, String callId) {
    return new CallEvent(UUID.randomUUID(), tenant, NOW, "gw-2", callId, new CallEnded(CallOutcome.ENDED, "bye", "a1"));
  }

  @Test
  void anOfferReachesEverySessionOfThatAgentOnly() {
    FrameCollector desk = connect("acme", "a1");
    FrameCollector phone = connect("acme", "a1");
    FrameCollector other = connect("acme", "a2");
    FrameCollector otherTenant = connect("globex", "a1");

    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a1", "r-1", NOW.plusSeconds(15), false)));

    for (FrameCollector client : new FrameCollector[] {desk, phone}) {
      JsonNode frame = client.last();
      assertThat(frame.get("type").stringValue()).isEqualTo("call:incoming");
      assertThat(frame.get("data").get("callId").stringValue()).isEqualTo("k1");
      assertThat(frame.get("data").get("queue").stringValue()).isEqualTo("sales");
      assertThat(frame.get("data").get("reservationId").stringValue()).isEqualTo("r-1");
      assertThat(frame.get("data").get("expiresAt").stringValue()).isEqualTo("2026-11-21T10:00:15Z");
      assertThat(frame.get("data").get("callback").booleanValue()).isFalse();
    }
    assertThat(other.frames()).isEmpty();
    assertThat(otherTenant.frames()).isEmpty();
    assertThat(offers.find("acme", "k1", "a1")).isPresent();
  }

  @Test
  void aCallbackOfferSaysSo() {
    FrameCollector desk = connect("acme", "a1");
    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a1", "r-1", NOW.plusSeconds(15), true)));
    assertThat(desk.last().get("data").get("callback").booleanValue()).isTrue();
  }

  private static CallEvent created(String tenant, String callId, Map<String, String> attributes) {
    return new CallEvent(UUID.randomUUID(), tenant, NOW, "gw-1", callId, new CallCreated(CallDirection.INBOUND,
        CallChannel.WEBRTC, "c-1", null, null, "sales", attributes, List.of()));
  }

  @Test
  void theOfferAndTheAcceptOfAVideoCallSaySoAndOtherCallsAreAudio() {
    FrameCollector desk = connect("acme", "a1");
    notifier.onCallEvent(created("acme", "k1", Map.of("media", "video")));
    notifier.onCallEvent(created("acme", "k2", Map.of("vip", "true")));

    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a1", "r-1", NOW.plusSeconds(15), false)));
    assertThat(desk.last().get("data").get("media").stringValue()).isEqualTo("video");
    notifier.onRoutingDecision(decision("acme", "k1", new ReservationAccepted("a1", "r-1")));
    assertThat(desk.last().get("type").stringValue()).isEqualTo("call:accepted");
    assertThat(desk.last().get("data").get("media").stringValue()).isEqualTo("video");
    // Another tenant's call of the same id, and a call without the attribute, are audio calls.
    notifier.onRoutingDecision(decision("globex", "k1", new RoutingOffered("a1", "r-2", NOW.plusSeconds(15), false)));
    notifier.onRoutingDecision(decision("acme", "k2", new RoutingOffered("a1", "r-3", NOW.plusSeconds(15), false)));
    assertThat(desk.last().get("data").get("media").stringValue()).isEqualTo("audio");

    // Once ended, the call is forgotten: an offer of that id (a replayed decision) is audio.
    notifier.onCallEvent(ended("acme", "k1"));
    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a1", "r-4", NOW.plusSeconds(15), false)));
    assertThat(desk.last().get("data").get("media").stringValue()).isEqualTo("audio");
  }

  @Test
  void aReloadedPageIsToldTheRingingCallIsAVideoCall() {
    connect("acme", "a1");
    notifier.onCallEvent(created("acme", "k1", Map.of("media", "video")));
    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a1", "r-1", NOW.plusSeconds(15), false)));
    AgentSession reloaded = new AgentSession("s-new", FrameCollector.agent("acme", "a1"), 64);
    FrameCollector again = new FrameCollector(reloaded);
    sessions.add(reloaded);
    notifier.connected(reloaded);
    assertThat(again.last().get("data").get("media").stringValue()).isEqualTo("video");
  }

  @Test
  void offersToAgentsConnectedElsewhereAreNotTracked() {
    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a9", "r-1", NOW.plusSeconds(15), false)));
    assertThat(offers.size()).isZero();
  }

  @Test
  void acceptanceAndEndAreForwardedToTheAgentOfTheCall() {
    FrameCollector desk = connect("acme", "a1");
    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a1", "r-1", NOW.plusSeconds(15), false)));

    notifier.onRoutingDecision(decision("acme", "k1", new ReservationAccepted("a1", "r-1")));
    assertThat(desk.last().get("type").stringValue()).isEqualTo("call:accepted");
    assertThat(desk.last().get("data").get("agentId").stringValue()).isEqualTo("a1");

    notifier.onCallEvent(ended("acme", "k1"));
    JsonNode frame = desk.last();
    assertThat(frame.get("type").stringValue()).isEqualTo("call:ended");
    assertThat(frame.get("data").get("outcome").stringValue()).isEqualTo("ENDED");
    assertThat(frame.get("data").get("reason").stringValue()).isEqualTo("bye");
    assertThat(offers.size()).isZero();
  }

  @Test
  void theEndOfAnotherCallIsNotForwarded() {
    FrameCollector desk = connect("acme", "a1");
    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a1", "r-1", NOW.plusSeconds(15), false)));
    notifier.onCallEvent(ended("acme", "k2"));
    notifier.onCallEvent(ended("globex", "k1"));
    assertThat(desk.frames()).hasSize(1);
  }

  @Test
  void aTimedOutOfferIsWithdrawnAndTheAgentTold() {
    FrameCollector desk = connect("acme", "a1");
    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a1", "r-1", NOW.plusSeconds(15), false)));
    notifier.onRoutingDecision(decision("acme", "k1", new ReservationTimedOut("a1", "r-1")));

    assertThat(desk.last().get("type").stringValue()).isEqualTo("call:declined");
    assertThat(desk.last().get("data").get("reason").stringValue()).isEqualTo("timed-out");
    assertThat(offers.find("acme", "k1", "a1")).isEmpty();
  }

  @Test
  void aRescindedOfferStopsTheRingingOfThatAgentOnly() {
    FrameCollector first = connect("acme", "a1");
    FrameCollector second = connect("acme", "a2");
    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a1", "r-1", NOW.plusSeconds(15), false)));
    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a2", "r-2", NOW.plusSeconds(15), false)));

    notifier.onRoutingDecision(decision("acme", "k1", new OfferRescinded("a1", "r-1")));

    JsonNode declined = first.last();
    assertThat(declined.get("type").stringValue()).isEqualTo("call:declined");
    assertThat(declined.get("data").get("callId").stringValue()).isEqualTo("k1");
    assertThat(declined.get("data").get("agentId").stringValue()).isEqualTo("a1");
    assertThat(declined.get("data").get("reason").stringValue()).isEqualTo("rescinded");
    assertThat(offers.find("acme", "k1", "a1")).isEmpty();
    assertThat(second.frames()).hasSize(1);
    assertThat(offers.find("acme", "k1", "a2")).isPresent();
  }

  /** Ring-all: the winner's accept went out from this instance; the others still learn they lost. */
  @Test
  void afterAnAcceptSentFromHereTheOtherRingingDesksAreToldTheCallWasAnsweredElsewhere() {
    FrameCollector winner = connect("acme", "a1");
    FrameCollector loser = connect("acme", "a2");
    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a1", "r-1", NOW.plusSeconds(15), false)));
    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a2", "r-2", NOW.plusSeconds(15), false)));
    // What ClientCommands does once a1's call:accept is published.
    offers.accepting("acme", "k1", "a1");
    assertThat(offers.find("acme", "k1", "a2")).isPresent();

    notifier.onRoutingDecision(decision("acme", "k1", new ReservationAccepted("a1", "r-1")));

    JsonNode declined = loser.last();
    assertThat(declined.get("type").stringValue()).isEqualTo("call:declined");
    assertThat(declined.get("data").get("agentId").stringValue()).isEqualTo("a2");
    assertThat(declined.get("data").get("reason").stringValue()).isEqualTo("answered-elsewhere");
    assertThat(winner.last().get("type").stringValue()).isEqualTo("call:accepted");
    assertThat(offers.find("acme", "k1", "a2")).isEmpty();
  }

  @Test
  void aStaleTimeoutDoesNotWithdrawANewerOffer() {
    FrameCollector desk = connect("acme", "a1");
    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a1", "r-2", NOW.plusSeconds(15), false)));
    notifier.onRoutingDecision(decision("acme", "k1", new ReservationTimedOut("a1", "r-1")));
    assertThat(offers.find("acme", "k1", "a1")).isPresent();
    assertThat(desk.frames()).hasSize(1);
  }

  @Test
  void expiredOffersAreForgottenAfterTheGrace() {
    connect("acme", "a1");
    notifier.onRoutingDecision(decision("acme", "old", new RoutingOffered("a1", "r-1", NOW.minusSeconds(120), false)));
    notifier.onRoutingDecision(decision("acme", "new", new RoutingOffered("a1", "r-2", NOW.plusSeconds(15), false)));
    // The books are walked at most once a second: not yet.
    assertThat(offers.find("acme", "old", "a1")).isPresent();

    clock.advance(Duration.ofSeconds(1));
    notifier.onRoutingDecision(decision("acme", "next", new RoutingOffered("a1", "r-3", NOW.plusSeconds(15), false)));
    assertThat(offers.find("acme", "old", "a1")).isEmpty();
    assertThat(offers.find("acme", "new", "a1")).isPresent();
  }

  @Test
  void aPageThatConnectsGetsTheOffersStillRingingForItsAgent() {
    FrameCollector first = connect("acme", "a1");
    notifier.onRoutingDecision(decision("acme", "k1", new RoutingOffered("a1", "r-1", NOW.plusSeconds(15), false)));
    // Offered while the agent had no session here: kept for a page that connects here.
    notifier.onRoutingDecision(decision("acme", "k2", new RoutingOffered("a9", "r-2", NOW.plusSeconds(15), true)));
    notifier.onRoutingDecision(decision("acme", "k3", new RoutingOffered("a1", "r-3", NOW.minusSeconds(1), false)));
    assertThat(first.frames()).hasSize(2);

    AgentSession reloaded = new AgentSession("s-new", FrameCollector.agent("acme", "a1"), 64);
    FrameCollector again = new FrameCollector(reloaded);
    sessions.add(reloaded);
    notifier.connected(reloaded);
    AgentSession other = new AgentSession("s-a9", FrameCollector.agent("acme", "a9"), 64);
    FrameCollector a9 = new FrameCollector(other);
    sessions.add(other);
    notifier.connected(other);

    assertThat(again.frames()).singleElement().satisfies(frame -> {
      assertThat(frame.get("type").stringValue()).isEqualTo("call:incoming");
      assertThat(frame.get("data").get("callId").stringValue()).isEqualTo("k1");
      assertThat(frame.get("data").get("reservationId").stringValue()).isEqualTo("r-1");
      assertThat(frame.get("data").get("queue").stringValue()).isEqualTo("sales");
    });
    assertThat(a9.frames()).singleElement().satisfies(frame -> {
      assertThat(frame.get("data").get("callId").stringValue()).isEqualTo("k2");
      assertThat(frame.get("data").get("callback").booleanValue()).isTrue();
    });
    // Now delivered here: the agent's accept finds it.
    assertThat(offers.find("acme", "k2", "a9")).isPresent();
  }
}
