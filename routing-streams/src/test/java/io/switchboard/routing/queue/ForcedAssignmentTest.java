package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.SkillRequirement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A supervisor's forced assignment: a waiting call offered to one named agent, whatever the queue's
 * strategy and skills say, then answered, declined or left to expire like any offer; or refused.
 */
class ForcedAssignmentTest {

  private static final String TENANT = "acme";

  private final RoutingScenario routing = new RoutingScenario();

  @BeforeEach
  void salesNeedsBillingAndNobodyHasIt() {
    // b1 serves support only and has no billing skill: the strategy would never offer it a sales call.
    routing.configure(RoutingScenario.queue(TENANT, "sales").setReservationTimeoutSeconds(10)
        .setRequiredSkills(List.of(new SkillRequirement("billing", 5))));
    routing.agent(TENANT, "b1", 1, "support").available(TENANT, "b1");
    routing.call(TENANT, "c1", "sales").call(TENANT, "c2", "sales");
    routing.decisions();
  }

  @AfterEach
  void close() {
    routing.close();
  }

  @Test
  void offersTheWaitingCallToTheNamedAgentBypassingStrategyAndSkills() {
    routing.assign(TENANT, "c2", "b1", "sup-1");
    List<RoutingDecision> offered = routing.decisions();
    routing.answered(TENANT, "c2", Summaries.lastOffer(offered));

    assertThat(Summaries.of(offered)).containsExactly("offered c2 to b1");
    assertThat(offered.get(0).getQueue()).isEqualTo("sales");
    assertThat(offered.get(0).getReason())
        .contains("agent b1 was chosen by sup-1", "forced assignment", "strategy and skills of queue sales bypassed");
    RoutingOffered offer = Summaries.lastOffer(offered);
    assertThat(offer.getExpiresAt()).isEqualTo(routing.now().plusSeconds(10));
    assertThat(Summaries.of(routing.decisions())).containsExactly("accepted c2 by b1");
  }

  @Test
  void aDeclinedForcedOfferPutsTheCallBackAtItsPlace() {
    routing.assign(TENANT, "c2", "b1", "sup-1");
    routing.declined(TENANT, "c2", Summaries.lastOffer(routing.decisions()), "busy");
    List<RoutingDecision> declined = routing.decisions();
    routing.call(TENANT, "c3", "sales");

    // b1 is not of the queue: the strategy does not offer the call to it again.
    assertThat(Summaries.of(declined)).containsExactly("rejected c2 by b1");
    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c3 at 3 priority 100");
    routing.agent(TENANT, "a1", 1, Map.of("billing", 7), "sales").available(TENANT, "a1");
    assertThat(Summaries.of(routing.decisions())).containsExactly("offered c1 to a1");
  }

  @Test
  void aForcedOfferLeftToExpireTimesOutAfterTheQueuesReservationTimeout() {
    routing.assign(TENANT, "c1", "b1", "sup-1");
    routing.decisions();

    routing.advance(Duration.ofSeconds(9));
    assertThat(routing.decisions()).isEmpty();
    routing.advance(Duration.ofSeconds(1));

    assertThat(Summaries.of(routing.decisions())).containsExactly("timed out c1 at b1");
    routing.call(TENANT, "c3", "sales");
    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c3 at 3 priority 100");
  }

  @Test
  void aCallNotWaitingIsRefusedAndNothingChanges() {
    routing.assign(TENANT, "c1", "b1", "sup-1");
    RoutingOffered offer = Summaries.lastOffer(routing.decisions());

    routing.assign(TENANT, "c1", "b2", "sup-1").assign(TENANT, "nowhere", "b1", "sup-1");

    List<RoutingDecision> refused = routing.decisions();
    assertThat(Summaries.of(refused)).containsExactly(
        "assignment of c1 to b2 refused: CALL_NOT_WAITING", "assignment of nowhere to b1 refused: CALL_NOT_WAITING");
    assertThat(refused.get(0).getReason()).contains("call c1 is offered, not waiting", "nothing changed");
    assertThat(refused.get(0).getQueue()).isEqualTo("sales");
    assertThat(refused.get(1).getReason()).contains("not known to routing");
    assertThat(refused.get(1).getQueue()).isEmpty();
    routing.answered(TENANT, "c1", offer);
    assertThat(Summaries.of(routing.decisions())).containsExactly("accepted c1 by b1");
  }

  @Test
  void anUnknownOrUnavailableAgentIsRefusedAndTheCallKeepsWaiting() {
    routing.agent(TENANT, "off", 1, "support");
    routing.agent(TENANT, "brk", 1, "support").available(TENANT, "brk").status(TENANT, "brk", AgentStatus.BREAK);
    routing.decisions();

    routing.assign(TENANT, "c1", "ghost", "sup-1").assign(TENANT, "c1", "off", "sup-1")
        .assign(TENANT, "c1", "brk", "sup-1");

    List<RoutingDecision> refused = routing.decisions();
    assertThat(Summaries.of(refused)).containsExactly("assignment of c1 to ghost refused: AGENT_UNKNOWN",
        "assignment of c1 to off refused: AGENT_NOT_AVAILABLE", "assignment of c1 to brk refused: AGENT_NOT_AVAILABLE");
    assertThat(refused.get(1).getReason()).contains("agent off is OFFLINE");
    assertThat(refused.get(2).getReason()).contains("agent brk is not available (BREAK)");
    routing.agent(TENANT, "a1", 1, Map.of("billing", 7), "sales").available(TENANT, "a1");
    assertThat(Summaries.of(routing.decisions())).containsExactly("offered c1 to a1");
  }

  @Test
  void anAgentInWrapUpIsNotAvailable() {
    routing.configure(RoutingScenario.queue(TENANT, "support").setWrapUpSeconds(30));
    routing.call(TENANT, "s1", "support");
    routing.answered(TENANT, "s1", Summaries.lastOffer(routing.decisions()));
    routing.ended(TENANT, "s1", CallOutcome.ENDED);
    routing.decisions();

    routing.assign(TENANT, "c1", "b1", "sup-1");
    List<RoutingDecision> refused = routing.decisions();
    routing.advance(Duration.ofSeconds(30)).assign(TENANT, "c1", "b1", "sup-1");

    assertThat(Summaries.of(refused)).containsExactly("assignment of c1 to b1 refused: AGENT_NOT_AVAILABLE");
    assertThat(refused.get(0).getReason()).contains("agent b1 is in wrap-up until");
    assertThat(Summaries.of(routing.decisions())).containsExactly("offered c1 to b1");
  }

  @Test
  void anAgentAtCapacityIsRefusedForcedAssignmentNeverExceedsCapacity() {
    routing.assign(TENANT, "c1", "b1", "sup-1");
    routing.answered(TENANT, "c1", Summaries.lastOffer(routing.decisions()));
    routing.decisions();

    routing.assign(TENANT, "c2", "b1", "sup-1");

    List<RoutingDecision> refused = routing.decisions();
    assertThat(Summaries.of(refused)).containsExactly("assignment of c2 to b1 refused: AGENT_AT_CAPACITY");
    assertThat(refused.get(0).getReason()).contains("1 call(s) and 0 offer(s) for a capacity of 1");
    routing.ended(TENANT, "c1", CallOutcome.ENDED).assign(TENANT, "c2", "b1", "sup-1");
    assertThat(Summaries.of(routing.decisions())).containsExactly("offered c2 to b1");
  }

  @Test
  void tenantsDoNotMix() {
    routing.agent("globex", "b1", 1, "support").available("globex", "b1");

    routing.assign("globex", "c1", "b1", "sup-9").assign(TENANT, "c1", "b1", "sup-1");

    assertThat(Summaries.of(routing.decisions()))
        .containsExactly("assignment of c1 to b1 refused: CALL_NOT_WAITING", "offered c1 to b1");
  }
}
