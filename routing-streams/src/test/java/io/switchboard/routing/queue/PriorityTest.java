package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallDirection;
import io.switchboard.schemas.avro.PriorityRule;
import io.switchboard.schemas.avro.PriorityRuleMatch;
import io.switchboard.schemas.avro.RoutingDecision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Priority = queue base + rules + age at the queue's rate; changes keep the time in queue. */
class PriorityTest {

  private static final String TENANT = "acme";

  private final RoutingScenario routing = new RoutingScenario();

  @AfterEach
  void close() {
    routing.close();
  }

  @Test
  void queueRulesReplaceTheEngineDefaults() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setPriorityBase(10).setPriorityRules(List.of(
        new PriorityRule(PriorityRuleMatch.ATTRIBUTE, "segment", "gold", 40),
        new PriorityRule(PriorityRuleMatch.TAG, "Complaint", null, 30),
        new PriorityRule(PriorityRuleMatch.DIRECTION, "OUTBOUND", null, -5))));

    routing.call(TENANT, "c1", "sales", CallDirection.INBOUND, Map.of("vip", "true", "segment", "GOLD"), "complaint");
    routing.call(TENANT, "c2", "sales", CallDirection.OUTBOUND, Map.of("segment", "silver"), "urgent");

    List<RoutingDecision> decisions = routing.decisions();
    assertThat(Summaries.of(decisions)).containsExactly("queued c1 at 1 priority 80", "queued c2 at 2 priority 5");
    assertThat(decisions.get(0).getReason()).isEqualTo(
        "entered queue sales at priority 80 (base 10, segment=gold +40, tag Complaint +30)");
  }

  @Test
  void queueWithoutRulesAppliesTheEngineRulesOnItsOwnBase() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setPriorityBase(200));

    routing.call(TENANT, "c1", "sales", CallDirection.INBOUND, Map.of("vip", "true"), "escalation");

    assertThat(Summaries.of(routing.decisions())).containsExactly("queued c1 at 1 priority 375");
  }

  @Test
  void agingLetsAnOldCallOvertakeAHigherPriorityNewOne() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setAgingPointsPerMinute(10));
    routing.agent(TENANT, "a1", 1, "sales");
    routing.call(TENANT, "old", "sales");
    routing.advance(Duration.ofMinutes(6)).call(TENANT, "vip", "sales", CallDirection.OUTBOUND, Map.of("vip", "true"));
    routing.advance(Duration.ofSeconds(1));
    routing.decisions();

    // old: 100 + 10/min * 6 min = 160 > vip: 150 + 0.
    routing.available(TENANT, "a1");

    assertThat(Summaries.of(routing.decisions())).containsExactly("offered old to a1");
  }

  @Test
  void withoutAgingTheHigherPriorityGoesFirstHoweverLongTheOtherWaited() {
    routing.configure(RoutingScenario.queue(TENANT, "sales"));
    routing.agent(TENANT, "a1", 1, "sales");
    routing.call(TENANT, "old", "sales");
    routing.advance(Duration.ofMinutes(60)).call(TENANT, "vip", "sales", CallDirection.OUTBOUND, Map.of("vip", "true"));
    routing.decisions();

    routing.available(TENANT, "a1");

    assertThat(Summaries.of(routing.decisions())).containsExactly("offered vip to a1");
  }

  @Test
  void priorityChangeKeepsTheTimeInQueue() {
    routing.agent(TENANT, "a1", 3, "sales");
    routing.call(TENANT, "a", "sales");
    routing.advance(Duration.ofSeconds(1)).call(TENANT, "b", "sales");
    routing.advance(Duration.ofSeconds(1)).call(TENANT, "c", "sales");
    routing.decisions();

    routing.priorityChanged(TENANT, "c", null, Map.of("vip", "true"));
    routing.priorityChanged(TENANT, "b", 150, Map.of());
    List<RoutingDecision> changed = routing.decisions();
    routing.available(TENANT, "a1");

    assertThat(Summaries.of(changed)).containsExactly("queued c at 1 priority 150", "queued b at 1 priority 150");
    assertThat(changed.get(0).getReason()).contains("from 100 to 150", "recomputed", "vip +50", "keeping");
    assertThat(changed.get(1).getReason()).contains("set to 150");
    // b entered before c, so at equal priority it is still ahead.
    assertThat(Summaries.of(routing.decisions())).containsExactly("offered b to a1", "offered c to a1", "offered a to a1");
  }

  @Test
  void changedCallKeepsTheAgeItEarnedUnderAging() {
    routing.configure(RoutingScenario.queue(TENANT, "sales").setAgingPointsPerMinute(60));
    routing.agent(TENANT, "a1", 1, "sales");
    routing.call(TENANT, "first", "sales");
    routing.advance(Duration.ofMinutes(1)).call(TENANT, "second", "sales");
    routing.advance(Duration.ofMinutes(1)).priorityChanged(TENANT, "second", 165, Map.of());
    routing.decisions();

    // first: 100 + 60 * 2 = 220; second: 165 + 60 * 1 = 225 (it would be 165 had its age been reset).
    routing.available(TENANT, "a1");

    assertThat(Summaries.of(routing.decisions())).containsExactly("offered second to a1");
  }

  @Test
  void sortKeyOrdersLikeEffectivePriorityAtAnyTime() {
    long t0 = 1_790_000_000_000L;
    int rate = 7;
    long olderLow = WaitingOrder.sortKey(100, t0, rate);
    long newerHigh = WaitingOrder.sortKey(110, t0 + 60_000, rate);

    // 110 - 7 * 1 min = 103 > 100: newerHigh ahead, whenever it is compared.
    assertThat(key(newerHigh, t0 + 60_000, "b")).isLessThan(key(olderLow, t0, "a"));
    assertThat(key(WaitingOrder.sortKey(-5, 0, 0), 0, "a")).isGreaterThan(key(WaitingOrder.sortKey(5, 0, 0), 0, "b"));
    assertThat(key(WaitingOrder.sortKey(Integer.MIN_VALUE, t0, WaitingOrder.MAX_AGING_POINTS_PER_MINUTE), t0, "a"))
        .isGreaterThan(key(WaitingOrder.sortKey(Integer.MAX_VALUE, 0, 0), 0, "b"));
    // Same key: the older first, then by call id.
    assertThat(key(olderLow, t0, "b")).isLessThan(key(olderLow, t0 + 1, "a"));
    assertThat(key(olderLow, t0, "a")).isLessThan(key(olderLow, t0, "b"));
  }

  private static WaitingLine.Key key(long sortKey, long enqueuedAt, String callId) {
    return new WaitingLine.Key(sortKey, enqueuedAt, callId);
  }
}
