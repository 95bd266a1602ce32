package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.ReservationRejected;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingAbandoned;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoutingTopologyTest {

  private static final String TENANT = "acme";

  private final RoutingScenario routing = new RoutingScenario();

  @AfterEach
  void close() {
    routing.close();
  }

  @Test
  void offersCallToTheLongestIdleAgentOfItsQueue() {
    routing.agent(TENANT, "other-queue", 1, "support").available(TENANT, "other-queue");
    routing.agent(TENANT, "a1", 1, "sales").agent(TENANT, "a2", 1, "sales");
    routing.advance(Duration.ofSeconds(1)).available(TENANT, "a2");
    routing.advance(Duration.ofSeconds(5)).available(TENANT, "a1");

    routing.call(TENANT, "c1", "sales");

    List<RoutingDecision> decisions = routing.decisions();
    assertThat(summaries(decisions)).containsExactly("queued c1 at 1 priority 100", "offered c1 to a2");
    RoutingOffered offer = (RoutingOffered) decisions.get(1).getPayload();
    assertThat(offer.getExpiresAt()).isEqualTo(routing.now().plus(RoutingScenario.RESERVATION_TIMEOUT));
    assertThat(UUID.fromString(offer.getReservationId())).isNotNull();
    assertThat(decisions.get(1).getReason()).contains("longest idle").contains("a2");
    assertThat(decisions).allSatisfy(decision -> {
      assertThat(decision.getTenantId()).isEqualTo(TENANT);
      assertThat(decision.getQueue()).isEqualTo("sales");
      assertThat(decision.getSource()).isEqualTo("routing-test");
    });
  }

  @Test
  void callWaitsUntilAnAgentOfItsQueueIsAvailable() {
    routing.agent(TENANT, "a1", 1, "sales");

    routing.call(TENANT, "c1", "sales");
    assertThat(summaries(routing.decisions())).containsExactly("queued c1 at 1 priority 100");

    routing.advance(Duration.ofSeconds(3)).available(TENANT, "a1");
    assertThat(summaries(routing.decisions())).containsExactly("offered c1 to a1");
  }

  @Test
  void higherPriorityGoesFirstWithVipInboundAndTagBonuses() {
    routing.agent(TENANT, "a1", 4, "sales");
    routing.call(TENANT, "plain", "sales", CallDirection.OUTBOUND, Map.of());
    routing.advance(Duration.ofSeconds(1)).call(TENANT, "vip", "sales", CallDirection.OUTBOUND, Map.of("vip", "true"));
    routing.advance(Duration.ofSeconds(1)).call(TENANT, "urgent", "sales", CallDirection.INBOUND, Map.of(), "urgent");
    routing.advance(Duration.ofSeconds(1))
        .call(TENANT, "escalated", "sales", CallDirection.OUTBOUND, Map.of(), "escalation", "high-priority");
    routing.advance(Duration.ofSeconds(1)).call(TENANT, "late", "sales", CallDirection.OUTBOUND, Map.of());
    assertThat(summaries(routing.decisions())).containsExactly(
        "queued plain at 1 priority 100",
        "queued vip at 1 priority 150",
        "queued urgent at 1 priority 200",
        "queued escalated at 1 priority 250",
        "queued late at 5 priority 100");

    routing.available(TENANT, "a1");

    assertThat(summaries(routing.decisions())).containsExactly(
        "offered escalated to a1", "offered urgent to a1", "offered vip to a1", "offered plain to a1");
  }

  @Test
  void agentServingSeveralQueuesTakesTheBestCallAcrossThem() {
    routing.agent(TENANT, "a1", 1, "sales", "support");
    routing.call(TENANT, "older-sales", "sales", CallDirection.OUTBOUND, Map.of());
    routing.advance(Duration.ofSeconds(1))
        .call(TENANT, "vip-support", "support", CallDirection.OUTBOUND, Map.of("vip", "true"));
    routing.decisions();

    routing.available(TENANT, "a1");

    assertThat(summaries(routing.decisions())).containsExactly("offered vip-support to a1");
  }

  @Test
  void equalPriorityGoesOldestFirst() {
    routing.agent(TENANT, "a1", 1, "sales");
    routing.call(TENANT, "call-b", "sales");
    routing.advance(Duration.ofSeconds(1)).call(TENANT, "call-a", "sales");
    assertThat(summaries(routing.decisions()))
        .containsExactly("queued call-b at 1 priority 100", "queued call-a at 2 priority 100");

    routing.available(TENANT, "a1");

    assertThat(summaries(routing.decisions())).containsExactly("offered call-b to a1");
  }

  @Test
  void unansweredOfferTimesOutAndTheCallIsOfferedAgainFromItsPlace() {
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    RoutingOffered first = lastOffer(routing.decisions());
    routing.advance(Duration.ofSeconds(1)).call(TENANT, "c2", "sales");
    assertThat(summaries(routing.decisions())).containsExactly("queued c2 at 1 priority 100");

    routing.advance(Duration.ofSeconds(13));
    assertThat(routing.decisions()).isEmpty();
    routing.advance(Duration.ofSeconds(1));

    List<RoutingDecision> decisions = routing.decisions();
    assertThat(summaries(decisions)).containsExactly("timed out c1 at a1", "offered c1 to a1");
    assertThat(((ReservationTimedOut) decisions.get(0).getPayload()).getReservationId())
        .isEqualTo(first.getReservationId());
    assertThat(decisions.get(0).getReason()).contains("no answer").contains("15 s");
    assertThat(lastOffer(decisions).getReservationId()).isNotEqualTo(first.getReservationId());
  }

  @Test
  void answeredOfferIsAcceptedAndTheAgentIsBusy() {
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    RoutingOffered offer = lastOffer(routing.decisions());

    routing.answered(TENANT, "c1", offer);
    List<RoutingDecision> accepted = routing.decisions();
    routing.call(TENANT, "c2", "sales");
    routing.advance(Duration.ofSeconds(30));

    assertThat(summaries(accepted)).containsExactly("accepted c1 by a1");
    assertThat(((ReservationAccepted) accepted.get(0).getPayload()).getReservationId())
        .isEqualTo(offer.getReservationId());
    assertThat(summaries(routing.decisions())).containsExactly("queued c2 at 1 priority 100");
  }

  @Test
  void declinedOfferIsOfferedToAnotherAgent() {
    routing.agent(TENANT, "a1", 1, "sales").agent(TENANT, "a2", 1, "sales").available(TENANT, "a1");
    routing.advance(Duration.ofSeconds(1)).available(TENANT, "a2");
    routing.call(TENANT, "c1", "sales");
    RoutingOffered offer = lastOffer(routing.decisions());
    assertThat(offer.getAgentId()).isEqualTo("a1");

    routing.declined(TENANT, "c1", offer, "busy");

    List<RoutingDecision> decisions = routing.decisions();
    assertThat(summaries(decisions)).containsExactly("rejected c1 by a1", "offered c1 to a2");
    assertThat(decisions.get(0).getReason()).isEqualTo("declined by agent a1: busy");
  }

  @Test
  void declinedCallReturnsToItsPlaceAheadOfLaterCallsAndGoesBackToTheOnlyAgent() {
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    RoutingOffered offer = lastOffer(routing.decisions());
    routing.advance(Duration.ofSeconds(1)).call(TENANT, "c2", "sales");
    routing.agent(TENANT, "a2", 1, "sales");
    routing.decisions();

    routing.declined(TENANT, "c1", offer, null);
    routing.available(TENANT, "a2");

    assertThat(summaries(routing.decisions()))
        .containsExactly("rejected c1 by a1", "offered c1 to a1", "offered c2 to a2");
  }

  @Test
  void endedCallFreesItsAgentWhoTakesTheNextWaitingCall() {
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    routing.answered(TENANT, "c1", lastOffer(routing.decisions()));
    routing.call(TENANT, "c2", "sales");
    routing.decisions();

    routing.advance(Duration.ofSeconds(10)).ended(TENANT, "c1", CallOutcome.ENDED);

    assertThat(summaries(routing.decisions())).containsExactly("offered c2 to a1");
  }

  @Test
  void agentIsIdleFromTheEndOfItsLastCall() {
    routing.agent(TENANT, "a1", 1, "sales").agent(TENANT, "a2", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    routing.answered(TENANT, "c1", lastOffer(routing.decisions()));
    routing.advance(Duration.ofSeconds(5)).available(TENANT, "a2");
    routing.advance(Duration.ofSeconds(5)).ended(TENANT, "c1", CallOutcome.ENDED);
    routing.decisions();

    routing.call(TENANT, "c2", "sales");

    assertThat(summaries(routing.decisions())).containsExactly("queued c2 at 1 priority 100", "offered c2 to a2");
  }

  @ParameterizedTest
  @EnumSource(value = AgentStatus.class, names = {"OFFLINE", "BREAK"})
  void agentLeavingRescindsItsOpenOffer(AgentStatus status) {
    routing.agent(TENANT, "a1", 1, "sales").agent(TENANT, "a2", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    routing.decisions();

    routing.status(TENANT, "a1", status);
    List<RoutingDecision> rescinded = routing.decisions();
    routing.advance(Duration.ofSeconds(20));
    List<RoutingDecision> afterTimeout = routing.decisions();
    routing.available(TENANT, "a2");

    assertThat(summaries(rescinded)).containsExactly("rejected c1 by a1");
    assertThat(rescinded.get(0).getReason()).isEqualTo("agent unavailable");
    assertThat(afterTimeout).isEmpty();
    assertThat(summaries(routing.decisions())).containsExactly("offered c1 to a2");
  }

  @Test
  void endedCallRescindsItsOpenOfferAndFreesTheAgent() {
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    routing.call(TENANT, "c2", "sales");
    routing.decisions();

    routing.ended(TENANT, "c1", CallOutcome.CANCELLED);

    assertThat(summaries(routing.decisions())).containsExactly("rejected c1 by a1", "offered c2 to a1");
  }

  @Test
  void callerHangingUpWhileRingingIsAbandonedAndTheAgentTakesTheNextCall() {
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    routing.call(TENANT, "c2", "sales");
    routing.decisions();

    routing.advance(Duration.ofSeconds(7)).ended(TENANT, "c1", CallOutcome.ABANDONED);

    assertThat(summaries(routing.decisions()))
        .containsExactly("rejected c1 by a1", "abandoned c1 after 7000 ms", "offered c2 to a1");
  }

  @Test
  void capacityTwoAllowsTwoConcurrentCallsAndNeverThree() {
    routing.agent(TENANT, "a1", 2, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales").call(TENANT, "c2", "sales").call(TENANT, "c3", "sales");
    List<RoutingDecision> offered = routing.decisions();
    assertThat(summaries(offered)).containsExactly("queued c1 at 1 priority 100", "offered c1 to a1",
        "queued c2 at 1 priority 100", "offered c2 to a1", "queued c3 at 1 priority 100");

    routing.answered(TENANT, "c1", (RoutingOffered) offered.get(1).getPayload());
    routing.answered(TENANT, "c2", (RoutingOffered) offered.get(3).getPayload());
    routing.available(TENANT, "a1");
    routing.advance(Duration.ofSeconds(20));
    assertThat(summaries(routing.decisions())).containsExactly("accepted c1 by a1", "accepted c2 by a1");

    routing.ended(TENANT, "c1", CallOutcome.ENDED);
    assertThat(summaries(routing.decisions())).containsExactly("offered c3 to a1");
  }

  @Test
  void tenantsNeverMix() {
    routing.agent("acme", "a1", 1, "sales").available("acme", "a1");

    routing.call("globex", "c1", "sales");
    assertThat(summaries(routing.decisions())).containsExactly("queued c1 at 1 priority 100");

    routing.agent("globex", "a1", 1, "sales").available("globex", "a1");
    routing.call("acme", "c2", "sales");

    List<RoutingDecision> decisions = routing.decisions();
    assertThat(summaries(decisions))
        .containsExactly("offered c1 to a1", "queued c2 at 1 priority 100", "offered c2 to a1");
    assertThat(decisions.get(0).getTenantId()).isEqualTo("globex");
    assertThat(decisions.get(2).getTenantId()).isEqualTo("acme");
  }

  @Test
  void abandonedWaitingCallLeavesTheQueue() {
    routing.agent(TENANT, "a1", 1, "sales");
    routing.call(TENANT, "c1", "sales");
    routing.decisions();

    routing.advance(Duration.ofSeconds(42)).ended(TENANT, "c1", CallOutcome.ABANDONED);
    List<RoutingDecision> abandoned = routing.decisions();
    routing.available(TENANT, "a1");

    assertThat(summaries(abandoned)).containsExactly("abandoned c1 after 42000 ms");
    assertThat(routing.decisions()).isEmpty();
  }

  @Test
  void signedOutAgentLosesItsOfferAndReceivesNoMore() {
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    routing.decisions();

    routing.signedOut(TENANT, "a1");
    List<RoutingDecision> rescinded = routing.decisions();
    routing.call(TENANT, "c2", "sales");

    assertThat(summaries(rescinded)).containsExactly("rejected c1 by a1");
    assertThat(rescinded.get(0).getReason()).isEqualTo("agent signed out");
    assertThat(summaries(routing.decisions())).containsExactly("queued c2 at 2 priority 100");
  }

  @Test
  void eventsAboutUnknownCallsAndAgentsAreIgnored() {
    RoutingOffered stranger = new RoutingOffered("ghost", UUID.randomUUID().toString(), routing.now(), false);
    routing.answered(TENANT, "nobody", stranger);
    routing.declined(TENANT, "nobody", stranger, "no");
    routing.ended(TENANT, "nobody", CallOutcome.ENDED);
    routing.available(TENANT, "ghost");
    routing.signedOut(TENANT, "ghost");
    assertThat(routing.decisions()).isEmpty();

    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    RoutingOffered offer = lastOffer(routing.decisions());
    routing.answered(TENANT, "c1", new RoutingOffered("a1", "wrong-reservation", routing.now(), false));
    assertThat(routing.decisions()).isEmpty();
    routing.answered(TENANT, "c1", offer);
    assertThat(summaries(routing.decisions())).containsExactly("accepted c1 by a1");
  }

  private static RoutingOffered lastOffer(List<RoutingDecision> decisions) {
    return decisions.stream()
        .map(RoutingDecision::getPayload)
        .filter(RoutingOffered.class::isInstance)
        .map(RoutingOffered.class::cast)
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("No RoutingOffered among " + summaries(decisions)));
  }

  /** One line per decision, e.g. "offered c1 to a1", so that a test reads as the story it checks. */
  private static List<String> summaries(List<RoutingDecision> decisions) {
    return decisions.stream().map(RoutingTopologyTest::summary).toList();
  }

  private static String summary(RoutingDecision decision) {
    Object payload = decision.getPayload();
    String call = decision.getCallId();
    if (payload instanceof RoutingQueued) {
      RoutingQueued queued = (RoutingQueued) payload;
      return "queued " + call + " at " + queued.getPosition() + " priority " + queued.getPriority();
    } else if (payload instanceof RoutingOffered) {
      return "offered " + call + " to " + ((RoutingOffered) payload).getAgentId();
    } else if (payload instanceof ReservationAccepted) {
      return "accepted " + call + " by " + ((ReservationAccepted) payload).getAgentId();
    } else if (payload instanceof ReservationRejected) {
      return "rejected " + call + " by " + ((ReservationRejected) payload).getAgentId();
    } else if (payload instanceof ReservationTimedOut) {
      return "timed out " + call + " at " + ((ReservationTimedOut) payload).getAgentId();
    } else if (payload instanceof RoutingAbandoned) {
      return "abandoned " + call + " after " + ((RoutingAbandoned) payload).getWaitedMs() + " ms";
    }
    return payload.getClass().getSimpleName() + " " + call;
  }
}
