package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingStrategy;
import io.switchboard.schemas.avro.SkillRequirement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each agent selection strategy, set up so that it picks another agent than longest-idle would. */
class StrategiesTest {

  private static final String TENANT = "acme";

  private final RoutingScenario routing = new RoutingScenario();

  @AfterEach
  void close() {
    routing.close();
  }

  @Test
  void roundRobinRotatesThroughAgentsInAStableOrder() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setStrategy(RoutingStrategy.ROUND_ROBIN));
    routing.agent(TENANT, "a3", 1, "sales").available(TENANT, "a3");
    routing.advance(Duration.ofSeconds(1)).agent(TENANT, "a1", 1, "sales").available(TENANT, "a1");
    routing.advance(Duration.ofSeconds(1)).agent(TENANT, "a2", 1, "sales").available(TENANT, "a2");

    List<String> agents = new java.util.ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      routing.advance(Duration.ofSeconds(1)).call(TENANT, "c" + i, "sales");
      List<RoutingDecision> decisions = routing.decisions();
      RoutingOffered offer = Summaries.lastOffer(decisions);
      agents.add(offer.getAgentId());
      assertThat(decisions.get(decisions.size() - 1).getReason()).contains("round-robin", "ROUND_ROBIN");
      routing.answered(TENANT, "c" + i, offer).ended(TENANT, "c" + i, CallOutcome.ENDED);
    }

    // Longest idle would have started with a3.
    assertThat(agents).containsExactly("a1", "a2", "a3", "a1");
  }

  @Test
  void fewestCallsPrefersTheAgentWhoHandledFewest() {
    routing.agent(TENANT, "busy", 1, "sales").available(TENANT, "busy");
    routing.agent(TENANT, "fresh", 1, "sales").status(TENANT, "fresh", AgentStatus.BREAK);
    handle("c1", Duration.ofSeconds(1));
    handle("c2", Duration.ofSeconds(1));
    routing.advance(Duration.ofSeconds(5)).available(TENANT, "fresh");
    routing.configure(RoutingScenario.queue(TENANT, "sales").setStrategy(RoutingStrategy.FEWEST_CALLS));

    routing.call(TENANT, "c3", "sales");

    List<RoutingDecision> decisions = routing.decisions();
    assertThat(Summaries.lastOffer(decisions).getAgentId()).isEqualTo("fresh");
    assertThat(decisions.get(decisions.size() - 1).getReason()).contains("fewest calls (0)");
  }

  @Test
  void leastTalkTimePrefersTheAgentWhoTalkedLeast() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setStrategy(RoutingStrategy.LEAST_TALK_TIME));
    routing.agent(TENANT, "long", 1, "sales").available(TENANT, "long");
    routing.advance(Duration.ofSeconds(1)).agent(TENANT, "short", 1, "sales").available(TENANT, "short");
    routing.call(TENANT, "c1", "sales").answered(TENANT, "c1", Summaries.lastOffer(routing.decisions()));
    routing.advance(Duration.ofSeconds(25)).call(TENANT, "c2", "sales");
    routing.answered(TENANT, "c2", Summaries.lastOffer(routing.decisions()));
    routing.advance(Duration.ofSeconds(5)).ended(TENANT, "c1", CallOutcome.ENDED);
    routing.advance(Duration.ofSeconds(5)).ended(TENANT, "c2", CallOutcome.ENDED);
    routing.decisions();

    // "long" talked 30 s and is idle the longest; "short" talked 10 s.
    routing.call(TENANT, "c3", "sales");

    List<RoutingDecision> decisions = routing.decisions();
    assertThat(Summaries.lastOffer(decisions).getAgentId()).isEqualTo("short");
    assertThat(decisions.get(decisions.size() - 1).getReason()).contains("least talk time (10 s)");
  }

  @Test
  void bestSkillMatchPrefersTheHighestSumOfRequiredSkillLevels() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setStrategy(RoutingStrategy.BEST_SKILL_MATCH)
        .setRequiredSkills(List.of(new SkillRequirement("english", 1), new SkillRequirement("billing", 1))));
    routing.agent(TENANT, "idle", 1, Map.of("english", 5, "billing", 5), "sales").available(TENANT, "idle");
    routing.advance(Duration.ofSeconds(1))
        .agent(TENANT, "expert", 1, Map.of("english", 9, "billing", 4, "french", 10), "sales")
        .available(TENANT, "expert");
    routing.agent(TENANT, "tie", 1, Map.of("english", 4, "billing", 9), "sales");
    routing.advance(Duration.ofSeconds(1)).available(TENANT, "tie");

    routing.call(TENANT, "c1", "sales");

    List<RoutingDecision> decisions = routing.decisions();
    // expert and tie both score 13; expert has been idle longer.
    assertThat(Summaries.lastOffer(decisions).getAgentId()).isEqualTo("expert");
    assertThat(decisions.get(decisions.size() - 1).getReason()).contains("best skill match (13)");
  }

  @Test
  void randomIsDeterministicForAGivenSeedAndEventSequence() {
    List<String> first = randomPicks(42);
    List<String> again = randomPicks(42);
    List<String> otherSeed = randomPicks(7);

    assertThat(first).hasSize(12).isEqualTo(again).isNotEqualTo(otherSeed);
    assertThat(first.stream().distinct().count()).isGreaterThan(1);
  }

  @Test
  void randomDrawsOnlyAmongEligibleAgentsAndReachesEachOfThem() {
    // given eight agents of which only three have the required skill level, each able to take many calls
    routing.configure(RoutingScenario.queue(TENANT, "sales").setStrategy(RoutingStrategy.RANDOM).setRandomSeed(3)
        .setRequiredSkills(List.of(new SkillRequirement("spanish", 6))));
    for (int i = 1; i <= 8; i++) {
      routing.agent(TENANT, "a" + i, 100, Map.of("spanish", i <= 3 ? 8 : 2), "sales").available(TENANT, "a" + i);
    }

    // when 60 calls arrive
    for (int i = 1; i <= 60; i++) {
      routing.call(TENANT, "c" + i, "sales");
    }

    // then every call went to one of the three, and each of them got a fair share
    Map<String, Long> picks = Summaries.offers(routing.decisions()).stream()
        .collect(java.util.stream.Collectors.groupingBy(RoutingOffered::getAgentId,
            java.util.stream.Collectors.counting()));
    assertThat(picks.keySet()).containsExactlyInAnyOrder("a1", "a2", "a3");
    assertThat(picks.values()).allSatisfy(count -> assertThat(count).isBetween(10L, 30L));
  }

  private List<String> randomPicks(long seed) {
    try (RoutingScenario run = new RoutingScenario()) {
      run.configure(RoutingScenario.queue(TENANT, "sales").setStrategy(RoutingStrategy.RANDOM).setRandomSeed(seed));
      for (String agent : List.of("a1", "a2", "a3", "a4")) {
        run.agent(TENANT, agent, 12, "sales").available(TENANT, agent);
      }
      for (int i = 1; i <= 12; i++) {
        run.call(TENANT, "c" + i, "sales");
      }
      List<RoutingDecision> decisions = run.decisions();
      assertThat(decisions).filteredOn(d -> d.getPayload() instanceof RoutingOffered)
          .allSatisfy(d -> assertThat(d.getReason()).contains("at random (seed " + seed + ")"));
      return Summaries.offers(decisions).stream().map(RoutingOffered::getAgentId).toList();
    }
  }

  /** The call is offered, answered and ended after {@code talk}. */
  private void handle(String callId, Duration talk) {
    routing.call(TENANT, callId, "sales");
    routing.answered(TENANT, callId, Summaries.lastOffer(routing.decisions()));
    routing.advance(talk).ended(TENANT, callId, CallOutcome.ENDED);
    routing.decisions();
  }
}
