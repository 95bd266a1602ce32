package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.QueueLimitAction;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Capacity, max wait, max wait with no agent signed in, and overflow (keeping the call's age). */
class QueueLimitsTest {

  private static final String TENANT = "acme";

  private final RoutingScenario routing = new RoutingScenario();

  @AfterEach
  void close() {
    routing.close();
  }

  @Test
  void aFullQueueRefusesTheNextCallerWithAReason() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setCapacity(2));
    routing.call(TENANT, "c1", "sales").call(TENANT, "c2", "sales");

    routing.call(TENANT, "c3", "sales");
    List<RoutingDecision> decisions = routing.decisions();

    assertThat(Summaries.of(decisions)).containsExactly("queued c1 at 1 priority 100", "queued c2 at 2 priority 100",
        "refused c3 in sales: CAPACITY");
    assertThat(decisions.get(2).getReason()).isEqualTo("queue sales is full: 2 callers waiting (capacity 2)");
    routing.ended(TENANT, "c3", CallOutcome.FAILED).agent(TENANT, "a1", 3, "sales").available(TENANT, "a1");
    assertThat(Summaries.of(routing.decisions())).containsExactly("offered c1 to a1", "offered c2 to a1");
  }

  @Test
  void afterMaxWaitWithActionEndTheCallIsRefused() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setMaxWaitSeconds(60)
        .setMaxWaitAction(QueueLimitAction.END));
    routing.call(TENANT, "c1", "sales");
    routing.decisions();

    routing.advance(Duration.ofSeconds(59));
    assertThat(routing.decisions()).isEmpty();
    routing.advance(Duration.ofSeconds(1));
    List<RoutingDecision> decisions = routing.decisions();

    assertThat(Summaries.of(decisions)).containsExactly("refused c1 in sales: MAX_WAIT");
    assertThat(decisions.get(0).getReason()).contains("waited 60 s in queue sales (max wait 60 s)");
    routing.agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    assertThat(routing.decisions()).isEmpty();
  }

  @Test
  void overflowKeepsTheCallsAgeAndTakesTheNewQueuesPriorityRules() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setMaxWaitSeconds(30)
        .setMaxWaitAction(QueueLimitAction.OVERFLOW).setOverflowQueue("general"));
    routing.configure(RoutingScenario.queue(TENANT, "general").setPriorityBase(150));
    routing.agent(TENANT, "g", 1, "general");
    routing.call(TENANT, "c1", "sales");
    routing.advance(Duration.ofSeconds(10)).call(TENANT, "g1", "general");
    routing.decisions();

    routing.advance(Duration.ofSeconds(20));
    List<RoutingDecision> decisions = routing.decisions();

    assertThat(Summaries.of(decisions))
        .containsExactly("overflowed c1 from sales to general", "queued c1 at 1 priority 150");
    assertThat(decisions.get(0).getReason()).contains("max wait 30 s", "overflowed to queue general");
    assertThat(decisions.get(1).getReason()).contains("keeping the time waited since 2026-11-21T10:00:00Z");
    routing.available(TENANT, "g");
    assertThat(Summaries.of(routing.decisions())).containsExactly("offered c1 to g");
  }

  @Test
  void overflowIntoAFullQueueIsRefusedByTheTargetsCapacity() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setMaxWaitSeconds(10)
        .setMaxWaitAction(QueueLimitAction.OVERFLOW).setOverflowQueue("general"));
    routing.configure(RoutingScenario.queue(TENANT, "general").setCapacity(1));
    routing.call(TENANT, "g1", "general").call(TENANT, "c1", "sales");
    routing.decisions();

    routing.advance(Duration.ofSeconds(10));
    List<RoutingDecision> decisions = routing.decisions();

    assertThat(Summaries.of(decisions)).containsExactly("refused c1 in general: CAPACITY");
    assertThat(decisions.get(0).getReason()).contains("overflow queue general is full");
  }

  @Test
  void overflowWithNowhereToGoIsRefused() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setMaxWaitSeconds(10)
        .setMaxWaitAction(QueueLimitAction.OVERFLOW));
    routing.configure(RoutingScenario.queue(TENANT, "support").setMaxWaitSeconds(10)
        .setMaxWaitAction(QueueLimitAction.OVERFLOW).setOverflowQueue("nowhere"));
    routing.call(TENANT, "c1", "sales").call(TENANT, "c2", "support");
    routing.decisions();

    routing.advance(Duration.ofSeconds(10));
    List<RoutingDecision> decisions = routing.decisions();

    assertThat(Summaries.of(decisions))
        .containsExactly("refused c1 in sales: MAX_WAIT", "refused c2 in nowhere: UNKNOWN_QUEUE");
    assertThat(decisions.get(0).getReason()).contains("has no overflow queue");
    assertThat(decisions.get(1).getReason()).contains("overflow queue nowhere is not configured");
  }

  @Test
  void withNoAgentOfTheQueueSignedInTheNoAgentActionApplies() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setMaxWaitNoAgentSeconds(20));
    routing.agent(TENANT, "registered-only", 1, "sales").agent(TENANT, "elsewhere", 1, "support")
        .available(TENANT, "elsewhere");
    routing.call(TENANT, "c1", "sales");
    routing.decisions();

    routing.advance(Duration.ofSeconds(19));
    assertThat(routing.decisions()).isEmpty();
    routing.advance(Duration.ofSeconds(1));
    List<RoutingDecision> decisions = routing.decisions();

    assertThat(Summaries.of(decisions)).containsExactly("refused c1 in sales: NO_AGENT");
    assertThat(decisions.get(0).getReason())
        .contains("with no agent of the queue signed in (max wait with no agent 20 s)");
  }

  @Test
  void anAgentOnABreakCountsAsSignedInUntilItGoesOffline() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setMaxWaitNoAgentSeconds(20)
        .setNoAgentAction(QueueLimitAction.OVERFLOW).setOverflowQueue("general"));
    routing.configure(RoutingScenario.queue(TENANT, "general"));
    routing.agent(TENANT, "a1", 1, "sales").status(TENANT, "a1", AgentStatus.BREAK);
    routing.call(TENANT, "c1", "sales");
    routing.decisions();

    routing.advance(Duration.ofSeconds(20));
    assertThat(routing.decisions()).isEmpty();
    routing.advance(Duration.ofSeconds(5)).status(TENANT, "a1", AgentStatus.OFFLINE);
    routing.advance(Duration.ofSeconds(14));
    assertThat(routing.decisions()).isEmpty();
    routing.advance(Duration.ofSeconds(1));

    assertThat(Summaries.of(routing.decisions()))
        .containsExactly("overflowed c1 from sales to general", "queued c1 at 1 priority 100");
  }

  @Test
  void aCallRingingWhenMaxWaitPassesMeetsTheLimitOnceBackInTheQueue() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setMaxWaitSeconds(30).setReservationTimeoutSeconds(20)
        .setMaxNoAnswer(1));
    routing.call(TENANT, "c1", "sales");
    routing.advance(Duration.ofSeconds(20)).agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    RoutingDecision offered = routing.decisions().get(1);
    routing.advance(Duration.ofSeconds(10));
    assertThat(routing.decisions()).isEmpty();

    routing.advance(Duration.ofSeconds(5))
        .declined(TENANT, "c1", (RoutingOffered) offered.getPayload(), "busy");
    routing.advance(Duration.ofSeconds(1));

    assertThat(Summaries.of(routing.decisions()))
        .containsExactly("rejected c1 by a1", "paused a1 (no-answer)", "refused c1 in sales: MAX_WAIT");
  }

  @Test
  void aQueueWithoutConfigurationHasNoLimits() {
    routing.call(TENANT, "c1", "support");
    routing.decisions();

    routing.advance(Duration.ofHours(2));

    assertThat(routing.decisions()).isEmpty();
    routing.agent(TENANT, "a1", 1, "support").available(TENANT, "a1");
    assertThat(Summaries.of(routing.decisions())).containsExactly("offered c1 to a1");
  }
}
