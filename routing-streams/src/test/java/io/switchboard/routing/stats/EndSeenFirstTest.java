package io.switchboard.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.RoutingAbandoned;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The three inputs are not ordered with each other: a caller's {@code CallEnded} may reach the
 * statistics before the engine's decisions about the call (e.g. after a crash, when the survivor
 * replays the tenant's tasks). Whatever the order, nobody may stay waiting and no agent RESERVED.
 */
class EndSeenFirstTest {

  private static final Instant TEN_O_CLOCK = Instant.parse("2026-11-21T10:00:00Z");

  private final StatsScenario stats = new StatsScenario(TEN_O_CLOCK);

  @AfterEach
  void close() {
    stats.close();
  }

  @Test
  void anAbandonSeenBeforeTheEnginesQueueOfferAndRejectionLeavesNobodyWaiting() {
    // given an available agent, and the caller's end seen before any decision about the call
    stats.agent("a1", "sales").status("a1", AgentStatus.AVAILABLE);
    stats.endedWith("c1", CallOutcome.ABANDONED);

    // when the engine's decisions follow: queued, offered to a1, then the offer closed as the call ended
    stats.advance(Duration.ofSeconds(1)).queued("c1", "sales");
    stats.offered("c1", "sales", "a1").rejected("c1", "sales", "a1");

    // then the call entered and left; the engine wrote no RoutingAbandoned, so none is counted
    QueueSnapshot sales = stats.snapshot("sales");
    assertThat(sales.waiting()).isZero();
    assertThat(sales.longestWaitMs()).isZero();
    assertThat(sales.offered()).isEqualTo(1);
    assertThat(sales.abandoned()).isZero();
    assertThat(sales.agentsByStatus()).containsEntry("AVAILABLE", 1).containsEntry("RESERVED", 0);
    assertThat(stats.trackedCall("c1")).isNull();
  }

  @Test
  void whileTheOfferIsOpenTheAgentIsReservedButTheCallDoesNotWait() {
    stats.agent("a1", "sales").status("a1", AgentStatus.AVAILABLE);
    stats.endedWith("c1", CallOutcome.ABANDONED).queued("c1", "sales").offered("c1", "sales", "a1");

    QueueSnapshot sales = stats.snapshot("sales");
    assertThat(sales.waiting()).isZero();
    assertThat(sales.agentsByStatus()).containsEntry("RESERVED", 1);
  }

  @Test
  void anAbandonSeenBeforeTheEnginesQueueAndAbandonCountsOnce() {
    stats.endedWith("c1", CallOutcome.ABANDONED);
    stats.queued("c1", "sales");
    assertThat(stats.snapshot("sales").waiting()).isZero();

    stats.advance(Duration.ofSeconds(30)).decision("c1", "sales", new RoutingAbandoned(30_000L));

    QueueSnapshot sales = stats.snapshot("sales");
    assertThat(sales.waiting()).isZero();
    assertThat(sales.offered()).isEqualTo(1);
    assertThat(sales.abandoned()).isEqualTo(1);
    assertThat(sales.abandonedAfterServiceLevel()).isEqualTo(1);
    assertThat(stats.trackedCall("c1")).isNull();
  }

  @Test
  void anEndSeenWhileWaitingIsCarriedIntoAnOverflowTheEngineDecidedBeforeIt() {
    // given a waiting call whose end is seen before the engine's overflow, offer and rejection
    stats.agent("b1", "backup").status("b1", AgentStatus.AVAILABLE);
    stats.queued("c1", "sales").advance(Duration.ofSeconds(60)).endedWith("c1", CallOutcome.ABANDONED);

    // when
    stats.overflowed("c1", "sales", "backup").offered("c1", "backup", "b1").rejected("c1", "backup", "b1");

    // then neither queue keeps it waiting, and b1 is free
    assertThat(stats.snapshot("sales").waiting()).isZero();
    QueueSnapshot backup = stats.snapshot("backup");
    assertThat(backup.waiting()).isZero();
    assertThat(backup.offered()).isEqualTo(1);
    assertThat(backup.agentsByStatus()).containsEntry("AVAILABLE", 1).containsEntry("RESERVED", 0);
  }

  @Test
  void anAnsweredCallWhoseEndIsSeenFirstIsAnsweredAndHandledAndFreesItsAgent() {
    stats.agent("a1", "sales").status("a1", AgentStatus.AVAILABLE);
    stats.endedWith("c1", CallOutcome.ENDED);
    stats.queued("c1", "sales").advance(Duration.ofSeconds(4)).offered("c1", "sales", "a1").answered("c1", "sales", "a1");

    QueueSnapshot sales = stats.snapshot("sales");
    assertThat(sales.waiting()).isZero();
    assertThat(sales.answered()).isEqualTo(1);
    assertThat(sales.agentsByStatus()).containsEntry("AVAILABLE", 1).containsEntry("BUSY", 0);
    assertThat(stats.trackedCall("c1")).isNull();
  }

  @Test
  void anEndNeverFollowedByADecisionIsForgottenAfterTheRetention() {
    // given an end for a call the engine never queued
    stats.endedWith("c1", CallOutcome.CANCELLED);
    assertThat(stats.trackedCall("c1")).isNotNull();

    // when more than the retention (one day) has passed and another call event arrives
    stats.advance(Duration.ofDays(1).plusMinutes(2)).endedWith("c2", CallOutcome.CANCELLED);

    // then the first end is forgotten, the recent one kept
    assertThat(stats.trackedCall("c1")).isNull();
    assertThat(stats.trackedCall("c2")).isNotNull();
  }
}
