package io.switchboard.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.queue.PriorityRules;
import io.switchboard.routing.queue.RoutingSettings;
import io.switchboard.routing.queue.RoutingTopology;
import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallDeclined;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.TransferTargetType;
import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The statistics inside the routing topology, as the routing service runs them: only call and agent
 * events go in, the engine makes the decisions, and the statistics see them in the engine's order
 * (its decisions about a call event before that call event itself).
 */
class TransferThroughRoutingTest {

  private static final Instant TEN_O_CLOCK = Instant.parse("2026-11-21T10:00:00Z");

  private final StatsScenario stats = new StatsScenario(RoutingTopology.build(new RoutingSettings("routing-test",
      Duration.ofSeconds(15), Duration.ofSeconds(1), Topics.DEFAULT_PARTITIONS, PriorityRules.DEFAULT, true)),
      TEN_O_CLOCK);

  @AfterEach
  void close() {
    stats.close();
  }

  /** a1 (available first, so longest idle) answers c1 after 8 s and talks 60 s; b1 is available. */
  private void answeredByA1ThenTalking() {
    stats.agent("a1", "support").status("a1", AgentStatus.AVAILABLE).advance(Duration.ofSeconds(1));
    stats.agent("b1", "support", "billing").status("b1", AgentStatus.AVAILABLE);
    stats.callEvent("c1", new CallQueued("support", null)).advance(Duration.ofSeconds(8));
    stats.callEvent("c1", new CallAnswered("a1", null)).advance(Duration.ofSeconds(60));
  }

  @Test
  void aBlindTransferToAnAgentCountsTheCallAnsweredOnce() {
    // given c1 answered by a1 in support after 8 s
    answeredByA1ThenTalking();

    // when a1 transfers it to b1, who answers 5 s later and ends it after 100 s
    stats.transferred("c1", TransferTargetType.AGENT, "b1", "a1");
    assertThat(stats.snapshot("support").agentsByStatus()).containsEntry("RESERVED", 1).containsEntry("AVAILABLE", 1);
    stats.advance(Duration.ofSeconds(5)).callEvent("c1", new CallAnswered("b1", null));
    stats.advance(Duration.ofSeconds(100)).ended("c1");

    // then support counts one contact: answered once after 8 s, handled once with the talk from a1's answer
    QueueSnapshot support = stats.snapshot("support");
    assertThat(support.offered()).isEqualTo(1);
    assertThat(support.answered()).isEqualTo(1);
    assertThat(support.asaMs()).isEqualTo(8_000L);
    assertThat(support.ahtMs()).isEqualTo(165_000L);
    assertThat(stats.intervalCounts("support", TEN_O_CLOCK).handled).isEqualTo(1);
    assertThat(support.waiting()).isZero();
    assertThat(support.agentsByStatus()).containsEntry("AVAILABLE", 2).containsEntry("BUSY", 0)
        .containsEntry("RESERVED", 0);
  }

  @Test
  void aBlindTransferTheNamedAgentDeclinesIsAnsweredOnceWhoeverTakesItNext() {
    // given c1 answered by a1 and transferred to b1
    answeredByA1ThenTalking();
    stats.transferred("c1", TransferTargetType.AGENT, "b1", "a1");

    // when b1 declines: the engine routes it by the strategy again, to a1, who answers and ends it
    stats.advance(Duration.ofSeconds(2)).callEvent("c1", new CallDeclined("b1", null, "busy"));
    stats.advance(Duration.ofSeconds(3)).callEvent("c1", new CallAnswered("a1", null));
    stats.advance(Duration.ofSeconds(30)).ended("c1");

    // then still one contact, answered once
    QueueSnapshot support = stats.snapshot("support");
    assertThat(support.offered()).isEqualTo(1);
    assertThat(support.answered()).isEqualTo(1);
    assertThat(support.asaMs()).isEqualTo(8_000L);
    assertThat(stats.intervalCounts("support", TEN_O_CLOCK).handled).isEqualTo(1);
    assertThat(support.agentsByStatus()).containsEntry("BUSY", 0).containsEntry("RESERVED", 0);
  }

  @Test
  void aBlindTransferToAQueueIsANewContactThereAndTheSourceKeepsItsOneAnswer() {
    // given c1 answered by a1 in support after 8 s
    answeredByA1ThenTalking();

    // when a1 transfers it to billing, where b1 answers it at once and ends it after 30 s
    stats.transferred("c1", TransferTargetType.QUEUE, "billing", "a1");
    stats.callEvent("c1", new CallAnswered("b1", null)).advance(Duration.ofSeconds(30)).ended("c1");

    // then support: answered 1, handled 1 with a1's 60 s; billing: offered 1, answered 1, handled with 30 s
    QueueSnapshot support = stats.snapshot("support");
    assertThat(support.offered()).isEqualTo(1);
    assertThat(support.answered()).isEqualTo(1);
    assertThat(support.ahtMs()).isEqualTo(60_000L);
    QueueSnapshot billing = stats.snapshot("billing");
    assertThat(billing.offered()).isEqualTo(1);
    assertThat(billing.answered()).isEqualTo(1);
    assertThat(billing.asaMs()).isZero();
    assertThat(billing.ahtMs()).isEqualTo(30_000L);
  }
}
