package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.QueueLimitAction;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The virtual queue: the caller leaves the line, keeps their place, and the agent calls back. */
class CallbackTest {

  private static final String TENANT = "acme";

  private final RoutingScenario routing = new RoutingScenario();

  @AfterEach
  void close() {
    routing.close();
  }

  @Test
  void requestedCallbackKeepsItsPlaceSurvivesTheCallerHangingUpAndIsOfferedAsACallback() {
    routing.call(TENANT, "c1", "sales").call(TENANT, "c2", "sales");
    routing.decisions();

    routing.requestCallback(TENANT, "c1");
    List<RoutingDecision> scheduled = routing.decisions();
    routing.ended(TENANT, "c1", CallOutcome.ABANDONED);
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    List<RoutingDecision> offered = routing.decisions();

    assertThat(Summaries.of(scheduled)).containsExactly("callback c1 at 1 in sales");
    assertThat(scheduled.get(0).getReason()).contains("the caller asked to be called back", "keeps position 1");
    assertThat(Summaries.of(offered)).containsExactly("offered c1 to a1 as a callback");
    assertThat(offered.get(0).getReason()).contains("the agent calls the customer back");
    routing.answered(TENANT, "c1", Summaries.lastOffer(offered)).ended(TENANT, "c1", CallOutcome.ENDED);
    assertThat(Summaries.of(routing.decisions())).containsExactly("accepted c1 by a1", "offered c2 to a1");
  }

  @Test
  void maxWaitWithActionCallbackTurnsTheCallIntoACallbackThatNoLimitTouchesAgain() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setMaxWaitSeconds(60)
        .setMaxWaitAction(QueueLimitAction.CALLBACK).setMaxWaitNoAgentSeconds(90));
    routing.call(TENANT, "c1", "sales");
    routing.decisions();

    routing.advance(Duration.ofSeconds(60));
    List<RoutingDecision> scheduled = routing.decisions();
    routing.advance(Duration.ofMinutes(10));
    List<RoutingDecision> later = routing.decisions();

    assertThat(Summaries.of(scheduled)).containsExactly("callback c1 at 1 in sales");
    assertThat(scheduled.get(0).getReason()).contains("max wait 60 s", "the caller will be called back");
    assertThat(later).isEmpty();
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    assertThat(Summaries.of(routing.decisions())).containsExactly("offered c1 to a1 as a callback");
  }

  @Test
  void aCallbackDoesNotHoldALineSoItDoesNotCountAgainstCapacity() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setCapacity(1));
    routing.call(TENANT, "c1", "sales").requestCallback(TENANT, "c1");
    routing.decisions();

    routing.call(TENANT, "c2", "sales").call(TENANT, "c3", "sales");

    assertThat(Summaries.of(routing.decisions()))
        .containsExactly("queued c2 at 2 priority 100", "refused c3 in sales: CAPACITY");
  }

  @Test
  void endingACallbackWithAnotherOutcomeCancelsIt() {
    routing.call(TENANT, "c1", "sales").requestCallback(TENANT, "c1");
    routing.decisions();

    routing.ended(TENANT, "c1", CallOutcome.CANCELLED);
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");

    assertThat(routing.decisions()).isEmpty();
  }

  @Test
  void aCallbackRequestedWhileRingingWithdrawsTheOfferAndOffersItAgainAsACallback() {
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    RoutingOffered ringing = Summaries.lastOffer(routing.decisions());

    routing.requestCallback(TENANT, "c1");
    List<RoutingDecision> decisions = routing.decisions();

    assertThat(Summaries.of(decisions))
        .containsExactly("rejected c1 by a1", "callback c1 at 1 in sales", "offered c1 to a1 as a callback");
    assertThat(decisions.get(0).getReason()).contains("the caller asked to be called back");
    assertThat(Summaries.lastOffer(decisions).getReservationId()).isNotEqualTo(ringing.getReservationId());
  }

  @Test
  void aCallbackRequestForACallNotWaitingChangesNothing() {
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    routing.answered(TENANT, "c1", Summaries.lastOffer(routing.decisions()));
    routing.decisions();

    routing.requestCallback(TENANT, "c1").requestCallback(TENANT, "unknown");

    assertThat(routing.decisions()).isEmpty();
  }
}
