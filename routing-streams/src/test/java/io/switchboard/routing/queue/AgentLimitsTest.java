package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentPaused;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.RoutingDecision;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Max-no-answer, wrap-up time and reject delay, from the queue's configuration. */
class AgentLimitsTest {

  private static final String TENANT = "acme";

  private final RoutingScenario routing = new RoutingScenario();

  @AfterEach
  void close() {
    routing.close();
  }

  @Test
  void agentWhoMissesMaxNoAnswerOffersInARowIsPaused() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setMaxNoAnswer(2).setReservationTimeoutSeconds(10));
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    routing.declined(TENANT, "c1", Summaries.lastOffer(routing.decisions()), "not now");
    assertThat(Summaries.of(routing.decisions())).containsExactly("rejected c1 by a1", "offered c1 to a1");

    routing.advance(Duration.ofSeconds(10));
    List<RoutingDecision> paused = routing.decisions();
    routing.advance(Duration.ofMinutes(5));
    assertThat(routing.decisions()).isEmpty();
    routing.available(TENANT, "a1");

    assertThat(Summaries.of(paused)).containsExactly("timed out c1 at a1", "paused a1 (no-answer)");
    assertThat(((AgentPaused) paused.get(1).getPayload()).getReason()).isEqualTo("no-answer");
    assertThat(paused.get(1).getReason()).contains("missed 2 offers in a row", "BREAK (no-answer)");
    assertThat(Summaries.of(routing.decisions())).containsExactly("offered c1 to a1");
  }

  @Test
  void answeringResetsTheRunOfMissedOffers() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setMaxNoAnswer(2));
    routing.agent(TENANT, "a1", 2, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    routing.declined(TENANT, "c1", Summaries.lastOffer(routing.decisions()), null);
    routing.answered(TENANT, "c1", Summaries.lastOffer(routing.decisions()));
    routing.call(TENANT, "c2", "sales");

    routing.declined(TENANT, "c2", Summaries.lastOffer(routing.decisions()), null);

    assertThat(Summaries.of(routing.decisions())).containsExactly("rejected c2 by a1", "offered c2 to a1");
  }

  @Test
  void agentIsNotOfferedCallsDuringWrapUp() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setWrapUpSeconds(30));
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales").answered(TENANT, "c1", Summaries.lastOffer(routing.decisions()));
    routing.advance(Duration.ofSeconds(60)).ended(TENANT, "c1", CallOutcome.ENDED);
    routing.decisions();
    routing.call(TENANT, "c2", "sales");
    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c2 at 1 priority 100");

    routing.advance(Duration.ofSeconds(29));
    assertThat(routing.decisions()).isEmpty();
    routing.advance(Duration.ofSeconds(1));

    assertThat(Summaries.of(routing.decisions())).containsExactly("offered c2 to a1");
  }

  @Test
  void declinedCallIsNotOfferedAgainToTheSameAgentDuringTheRejectDelay() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setRejectDelaySeconds(20));
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    routing.advance(Duration.ofSeconds(1)).call(TENANT, "c2", "sales");
    routing.decisions();

    routing.declined(TENANT, "c1", Summaries.lastOffer(routing.allDecisions()), null);
    // a1 may take c2 meanwhile, but not c1.
    assertThat(Summaries.of(routing.decisions())).containsExactly("rejected c1 by a1", "offered c2 to a1");
    routing.declined(TENANT, "c2", Summaries.lastOffer(routing.allDecisions()), null);
    assertThat(Summaries.of(routing.decisions())).containsExactly("rejected c2 by a1");

    routing.advance(Duration.ofSeconds(20));

    assertThat(Summaries.of(routing.decisions())).containsExactly("offered c1 to a1");
  }
}
