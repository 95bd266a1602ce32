package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.SkillRelaxationStep;
import io.switchboard.schemas.avro.SkillRequirement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Required skills with minimum levels, their relaxation over wait time, and the preferred agent. */
class SkillsTest {

  private static final String TENANT = "acme";

  private final RoutingScenario routing = new RoutingScenario();

  @AfterEach
  void close() {
    routing.close();
  }

  @Test
  void onlyAnAgentWithEveryRequiredSkillAtTheMinimumLevelIsOffered() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setRequiredSkills(List.of(
        new SkillRequirement("english", 5), new SkillRequirement("billing", 2))));
    routing.agent(TENANT, "novice", 1, Map.of("english", 4, "billing", 9), "sales").available(TENANT, "novice");
    routing.agent(TENANT, "no-billing", 1, Map.of("english", 9), "sales").available(TENANT, "no-billing");
    routing.advance(Duration.ofSeconds(1))
        .agent(TENANT, "skilled", 1, Map.of("english", 5, "billing", 2), "sales").available(TENANT, "skilled");

    routing.call(TENANT, "c1", "sales");

    List<RoutingDecision> decisions = routing.decisions();
    assertThat(Summaries.of(decisions)).containsExactly("queued c1 at 1 priority 100", "offered c1 to skilled");
    assertThat(decisions.get(1).getReason()).contains("skills english >= 5, billing >= 2");
  }

  @Test
  void requirementRelaxesWhenTheWallClockReachesTheStep() {
    routing.configure(RoutingScenario.queue(TENANT, "sales")
        .setRequiredSkills(List.of(new SkillRequirement("english", 8)))
        .setSkillRelaxation(List.of(new SkillRelaxationStep(30, 3, false), new SkillRelaxationStep(90, 0, true))));
    routing.agent(TENANT, "a1", 1, Map.of("english", 6), "sales").available(TENANT, "a1");
    routing.call(TENANT, "c1", "sales");
    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c1 at 1 priority 100");

    routing.advance(Duration.ofSeconds(29));
    assertThat(routing.decisions()).isEmpty();
    routing.advance(Duration.ofSeconds(1));

    List<RoutingDecision> decisions = routing.decisions();
    assertThat(Summaries.of(decisions)).containsExactly("offered c1 to a1");
    assertThat(decisions.get(0).getReason()).contains("english >= 5", "relaxed by 3 after waiting 30 s");
  }

  @Test
  void relaxedRequirementAppliesWhenAnAgentFreesUp() {
    routing.configure(RoutingScenario.queue(TENANT, "sales")
        .setRequiredSkills(List.of(new SkillRequirement("english", 8)))
        .setSkillRelaxation(List.of(new SkillRelaxationStep(60, 0, true))));
    routing.agent(TENANT, "generalist", 1, "sales");
    routing.call(TENANT, "c1", "sales");
    routing.advance(Duration.ofSeconds(61));
    routing.decisions();

    routing.available(TENANT, "generalist");

    List<RoutingDecision> decisions = routing.decisions();
    assertThat(Summaries.of(decisions)).containsExactly("offered c1 to generalist");
    assertThat(decisions.get(0).getReason()).contains("any agent of the queue");
  }

  @Test
  void preferredAgentHasTheCallToItselfUntilTheTimeout() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setPreferredAgentTimeoutSeconds(10));
    routing.agent(TENANT, "other", 1, "sales").available(TENANT, "other");
    routing.agent(TENANT, "last", 1, "sales").status(TENANT, "last", AgentStatus.BREAK);
    routing.call(TENANT, "c1", "sales", CallDirection.INBOUND, Map.of("preferredAgent", "last"));
    routing.call(TENANT, "c2", "sales");
    assertThat(Summaries.of(routing.decisions()))
        .containsExactly("queued c1 at 1 priority 125", "queued c2 at 2 priority 100", "offered c2 to other");

    routing.advance(Duration.ofSeconds(5)).available(TENANT, "last");
    List<RoutingDecision> toPreferred = routing.decisions();

    assertThat(Summaries.of(toPreferred)).containsExactly("offered c1 to last");
    assertThat(toPreferred.get(0).getReason()).contains("preferred agent last");
  }

  @Test
  void afterThePreferredAgentTimeoutAnyoneMayTakeTheCall() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setPreferredAgentTimeoutSeconds(10));
    routing.agent(TENANT, "other", 1, "sales").available(TENANT, "other");
    routing.agent(TENANT, "last", 1, "sales").status(TENANT, "last", AgentStatus.BREAK);
    routing.call(TENANT, "c1", "sales", CallDirection.INBOUND, Map.of("preferredAgent", "last"));
    routing.decisions();

    routing.advance(Duration.ofSeconds(9));
    assertThat(routing.decisions()).isEmpty();
    routing.advance(Duration.ofSeconds(1));

    assertThat(Summaries.of(routing.decisions())).containsExactly("offered c1 to other");
  }

  @Test
  void preferredAgentWhoIsNotSignedInDoesNotHoldTheCall() {
    routing.agent(TENANT, "other", 1, "sales").available(TENANT, "other");
    routing.agent(TENANT, "offline", 1, "sales");

    routing.call(TENANT, "c1", "sales", CallDirection.INBOUND, Map.of("preferredAgent", "offline"));
    routing.call(TENANT, "c2", "sales", CallDirection.INBOUND, Map.of("preferredAgent", "unknown"));
    routing.agent(TENANT, "more", 1, "sales").available(TENANT, "more");

    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c1 at 1 priority 125",
        "offered c1 to other", "queued c2 at 1 priority 125", "offered c2 to more");
  }
}
