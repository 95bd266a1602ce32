package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingStrategy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RING_ALL: several agents ring at once; the first to answer takes the call. */
class RingAllTest {

  private static final String TENANT = "acme";

  private final RoutingScenario routing = new RoutingScenario();

  @BeforeEach
  void threeAgents() {
    for (String agent : List.of("a1", "a2", "a3")) {
      routing.advance(Duration.ofSeconds(1)).agent(TENANT, agent, 1, "sales").available(TENANT, agent);
    }
  }

  @AfterEach
  void close() {
    routing.close();
  }

  @Test
  void ringsUpToTheConfiguredNumberOfAgentsAndTheFirstAnswerWins() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setStrategy(RoutingStrategy.RING_ALL).setRingAllAgents(2));
    routing.call(TENANT, "c1", "sales");
    List<RoutingDecision> ringing = routing.decisions();
    assertThat(Summaries.of(ringing)).containsExactly("queued c1 at 1 priority 100", "offered c1 to a1",
        "offered c1 to a2");
    assertThat(ringing.get(1).getReason()).contains("ring-all");
    RoutingOffered toA2 = Summaries.lastOffer(ringing);

    routing.answered(TENANT, "c1", toA2);
    List<RoutingDecision> answered = routing.decisions();
    routing.call(TENANT, "c2", "sales");

    assertThat(Summaries.of(answered)).containsExactly("accepted c1 by a2", "rescinded c1 from a1");
    assertThat(answered.get(1).getReason()).contains("a2 answered first");
    // a1 is free again; a3 idle longer still, so c2 rings both.
    assertThat(Summaries.of(routing.decisions()))
        .containsExactly("queued c2 at 1 priority 100", "offered c2 to a1", "offered c2 to a3");
  }

  @Test
  void zeroRingsEveryEligibleAgent() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setStrategy(RoutingStrategy.RING_ALL));

    routing.call(TENANT, "c1", "sales");

    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c1 at 1 priority 100",
        "offered c1 to a1", "offered c1 to a2", "offered c1 to a3");
  }

  @Test
  void aRejectRemovesOnlyThatOfferAndTheCallReturnsWhenAllRejected() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setStrategy(RoutingStrategy.RING_ALL).setRingAllAgents(2));
    routing.call(TENANT, "c1", "sales");
    List<RoutingOffered> offers = Summaries.offers(routing.decisions());

    routing.declined(TENANT, "c1", offers.get(0), "busy");
    List<RoutingDecision> firstReject = routing.decisions();
    routing.declined(TENANT, "c1", offers.get(1), null);

    assertThat(Summaries.of(firstReject)).containsExactly("rejected c1 by a1");
    // Back in the queue, it rings the agent who has not refused it first, then the refusers.
    assertThat(Summaries.of(routing.decisions())).containsExactly("rejected c1 by a2", "offered c1 to a3",
        "offered c1 to a1");
  }

  @Test
  void unansweredRingTimesOutForEveryAgentAndRingsAgain() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setStrategy(RoutingStrategy.RING_ALL).setRingAllAgents(2)
        .setReservationTimeoutSeconds(10).setMaxNoAnswer(0));
    routing.call(TENANT, "c1", "sales");
    routing.decisions();

    routing.advance(Duration.ofSeconds(10));

    assertThat(Summaries.of(routing.decisions())).containsExactly("timed out c1 at a1", "timed out c1 at a2",
        "offered c1 to a3", "offered c1 to a1");
  }
}
