package io.switchboard.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.AssignmentRefusalReason;
import io.switchboard.schemas.avro.AssignmentRefused;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.RoutingAbandoned;
import io.switchboard.schemas.avro.TransferTargetType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blind transfers of an answered call (same call id). To an agent, the call is the same contact of
 * its queue: answered, waited and handled once. To a queue, it is a new contact of that queue. The
 * engine writes {@code RoutingQueued} for the connected call before the statistics see the gateway's
 * {@code CallTransferred} in the routing service (the same task, the engine first); in the statistics
 * alone either may come first.
 */
class TransferStatsTest {

  private static final Instant TEN_O_CLOCK = Instant.parse("2026-11-21T10:00:00Z");

  private final StatsScenario stats = new StatsScenario(TEN_O_CLOCK);

  @AfterEach
  void close() {
    stats.close();
  }

  /** c1 waits 8 s in support, a1 answers at 10:00:08 and talks for 60 s. */
  private void answeredByA1ThenTalking() {
    stats.agent("a1", "support").status("a1", AgentStatus.AVAILABLE);
    stats.agent("b1", "support", "billing").status("b1", AgentStatus.AVAILABLE);
    stats.queued("c1", "support").advance(Duration.ofSeconds(8));
    stats.offered("c1", "support", "a1").answered("c1", "support", "a1");
    stats.advance(Duration.ofSeconds(60));
  }

  /** a1's blind transfer to b1 as routing answers it: back in support, offered to b1 alone. */
  private void transferToB1(boolean callEventFirst) {
    if (callEventFirst) {
      stats.transferred("c1", TransferTargetType.AGENT, "b1", "a1");
    }
    stats.queued("c1", "support").offered("c1", "support", "b1");
    if (!callEventFirst) {
      stats.transferred("c1", TransferTargetType.AGENT, "b1", "a1");
    }
  }

  @ParameterizedTest(name = "call event first: {0}")
  @ValueSource(booleans = {false, true})
  void aTransferToAnAgentIsOneContactOfTheQueueAnsweredOnce(boolean callEventFirst) {
    // given c1 answered by a1 after 8 s
    answeredByA1ThenTalking();

    // when a1 transfers it to b1, b1 answers 5 s later and ends it 100 s after that
    transferToB1(callEventFirst);
    QueueSnapshot ringing = stats.snapshot("support");
    assertThat(ringing.agentsByStatus()).containsEntry("AVAILABLE", 1).containsEntry("RESERVED", 1)
        .containsEntry("BUSY", 0);
    assertThat(ringing.offered()).isEqualTo(1);
    stats.advance(Duration.ofSeconds(5)).answered("c1", "support", "b1");
    assertThat(stats.snapshot("support").agentsByStatus()).containsEntry("BUSY", 1).containsEntry("AVAILABLE", 1);
    stats.advance(Duration.ofSeconds(100)).ended("c1");

    // then one contact: offered, answered and handled once, ASA from a1's answer, talk from it to the end
    QueueSnapshot support = stats.snapshot("support");
    assertThat(support.offered()).isEqualTo(1);
    assertThat(support.answered()).isEqualTo(1);
    assertThat(support.asaMs()).isEqualTo(8_000L);
    assertThat(support.answeredWithinServiceLevel()).isEqualTo(1);
    assertThat(support.serviceLevel()).isEqualTo(1.0);
    assertThat(support.ahtMs()).isEqualTo(165_000L);
    assertThat(stats.intervalCounts("support", TEN_O_CLOCK).handled).isEqualTo(1);
    assertThat(support.waiting()).isZero();
    assertThat(support.agentsByStatus()).containsEntry("AVAILABLE", 2).containsEntry("BUSY", 0)
        .containsEntry("RESERVED", 0);
    assertThat(stats.trackedCall("c1")).isNull();
  }

  @ParameterizedTest(name = "call event first: {0}")
  @ValueSource(booleans = {false, true})
  void aTransferToAnotherQueueIsANewContactOfThatQueue(boolean callEventFirst) {
    // given c1 answered by a1 in support after 8 s, talking 60 s
    answeredByA1ThenTalking();

    // when a1 transfers it to billing, where b1 answers it after 4 s and talks 30 s
    if (callEventFirst) {
      stats.transferred("c1", TransferTargetType.QUEUE, "billing", "a1");
    }
    stats.queued("c1", "billing");
    if (!callEventFirst) {
      stats.transferred("c1", TransferTargetType.QUEUE, "billing", "a1");
    }
    stats.advance(Duration.ofSeconds(4)).offered("c1", "billing", "b1").answered("c1", "billing", "b1");
    stats.advance(Duration.ofSeconds(30)).ended("c1");

    // then support keeps its one answered call, handled with a1's 60 s
    QueueSnapshot support = stats.snapshot("support");
    assertThat(support.offered()).isEqualTo(1);
    assertThat(support.answered()).isEqualTo(1);
    assertThat(support.asaMs()).isEqualTo(8_000L);
    assertThat(support.ahtMs()).isEqualTo(60_000L);
    assertThat(stats.intervalCounts("support", TEN_O_CLOCK).handled).isEqualTo(1);
    // and billing counts a contact of its own: offered, answered after 4 s, handled with b1's 30 s
    QueueSnapshot billing = stats.snapshot("billing");
    assertThat(billing.offered()).isEqualTo(1);
    assertThat(billing.answered()).isEqualTo(1);
    assertThat(billing.asaMs()).isEqualTo(4_000L);
    assertThat(billing.ahtMs()).isEqualTo(30_000L);
    assertThat(stats.intervalCounts("billing", TEN_O_CLOCK).handled).isEqualTo(1);
    assertThat(billing.waiting()).isZero();
    assertThat(billing.agentsByStatus()).containsEntry("BUSY", 0).containsEntry("AVAILABLE", 1);
  }

  @Test
  void aTransferToItsOwnQueueSeenAfterTheEnginesRequeueIsStillANewContactThere() {
    // given c1 answered by a1 in support after 8 s, talking 60 s
    answeredByA1ThenTalking();

    // when a1 transfers it to support itself: the engine's RoutingQueued first, then the call event
    stats.queued("c1", "support").transferred("c1", TransferTargetType.QUEUE, "support", "a1");
    stats.advance(Duration.ofSeconds(3)).offered("c1", "support", "b1").answered("c1", "support", "b1");
    stats.advance(Duration.ofSeconds(20)).ended("c1");

    // then support counts two contacts: the first handled with a1's 60 s, the second answered after 3 s
    IntervalCounts counts = stats.intervalCounts("support", TEN_O_CLOCK);
    assertThat(counts.offered).isEqualTo(2);
    assertThat(counts.answered).isEqualTo(2);
    assertThat(counts.answeredWaitMs).isEqualTo(11_000L);
    assertThat(counts.handled).isEqualTo(2);
    assertThat(counts.talkMs).isEqualTo(80_000L);
    assertThat(stats.snapshot("support").agentsByStatus()).containsEntry("AVAILABLE", 2).containsEntry("BUSY", 0);
  }

  @Test
  void aTransferTheNamedAgentDeclinesOrLetsExpireGoesOnAsTheSameContact() {
    // given c1 answered by a1 after 8 s and transferred to b1 60 s later
    answeredByA1ThenTalking();
    transferToB1(false);

    // when b1 declines: c1 waits in support again, and is offered to b1 again, who lets it expire
    stats.advance(Duration.ofSeconds(2)).rejected("c1", "support", "b1");
    QueueSnapshot backInLine = stats.snapshot("support");
    assertThat(backInLine.waiting()).isEqualTo(1);
    assertThat(backInLine.agentsByStatus()).containsEntry("AVAILABLE", 2).containsEntry("RESERVED", 0);
    stats.offered("c1", "support", "b1").advance(Duration.ofSeconds(15)).timedOut("c1", "support", "b1");
    // and the strategy then offers it to a1, who answers it again and ends it 40 s later
    stats.advance(Duration.ofSeconds(3)).offered("c1", "support", "a1").answered("c1", "support", "a1");
    stats.advance(Duration.ofSeconds(40)).ended("c1");

    // then the queue still counts one contact, answered once after 8 s, handled once
    QueueSnapshot support = stats.snapshot("support");
    assertThat(support.offered()).isEqualTo(1);
    assertThat(support.answered()).isEqualTo(1);
    assertThat(support.asaMs()).isEqualTo(8_000L);
    assertThat(support.abandoned()).isZero();
    assertThat(support.ahtMs()).isEqualTo(120_000L);
    assertThat(stats.intervalCounts("support", TEN_O_CLOCK).handled).isEqualTo(1);
    assertThat(support.waiting()).isZero();
    assertThat(support.agentsByStatus()).containsEntry("AVAILABLE", 2).containsEntry("BUSY", 0)
        .containsEntry("RESERVED", 0);
  }

  @ParameterizedTest(name = "call event first: {0}")
  @ValueSource(booleans = {false, true})
  void aTransferRoutingRefusesLeavesTheCallWithItsAgentAndCountsNothing(boolean callEventFirst) {
    // given c1 answered by a1 after 8 s
    answeredByA1ThenTalking();

    // when the transfer to b1 is refused (b1 on break): the call stays with a1
    if (callEventFirst) {
      stats.transferred("c1", TransferTargetType.AGENT, "b1", "a1");
    }
    stats.decision("c1", "support", new AssignmentRefused("b1", AssignmentRefusalReason.AGENT_NOT_AVAILABLE));
    if (!callEventFirst) {
      stats.transferred("c1", TransferTargetType.AGENT, "b1", "a1");
    }
    assertThat(stats.snapshot("support").agentsByStatus()).containsEntry("BUSY", 1);

    // and a1 later transfers it to support itself, where b1 answers it
    stats.advance(Duration.ofSeconds(10)).queued("c1", "support")
        .transferred("c1", TransferTargetType.QUEUE, "support", "a1");
    stats.advance(Duration.ofSeconds(2)).offered("c1", "support", "b1").answered("c1", "support", "b1");
    stats.advance(Duration.ofSeconds(30)).ended("c1");

    // then the refusal counted nothing and left nothing behind: the later transfer is a new contact
    IntervalCounts counts = stats.intervalCounts("support", TEN_O_CLOCK);
    assertThat(counts.offered).isEqualTo(2);
    assertThat(counts.answered).isEqualTo(2);
    assertThat(counts.answeredWaitMs).isEqualTo(10_000L);
    assertThat(counts.handled).isEqualTo(2);
    assertThat(counts.talkMs).isEqualTo(70_000L + 30_000L);
    assertThat(stats.snapshot("support").agentsByStatus()).containsEntry("AVAILABLE", 2).containsEntry("BUSY", 0);
  }

  @Test
  void aCallerWhoHangsUpWhileTheNamedAgentRingsIsHandledNotAbandoned() {
    // given c1 answered by a1 after 8 s and transferred to b1 60 s later
    answeredByA1ThenTalking();
    transferToB1(false);

    // when the caller hangs up 25 s later, while b1 rings: the engine closes the offer and writes the abandon
    stats.advance(Duration.ofSeconds(25)).rejected("c1", "support", "b1")
        .decision("c1", "support", new RoutingAbandoned(25_000L)).endedWith("c1", CallOutcome.ABANDONED);

    // then the answered contact is handled (talk from a1's answer to the hang-up), not abandoned
    QueueSnapshot support = stats.snapshot("support");
    assertThat(support.offered()).isEqualTo(1);
    assertThat(support.answered()).isEqualTo(1);
    assertThat(support.abandoned()).isZero();
    assertThat(support.abandonedAfterServiceLevel()).isZero();
    assertThat(support.serviceLevel()).isEqualTo(1.0);
    assertThat(support.ahtMs()).isEqualTo(85_000L);
    assertThat(support.waiting()).isZero();
    assertThat(support.agentsByStatus()).containsEntry("AVAILABLE", 2).containsEntry("RESERVED", 0);
  }

  @Test
  void aCallerWhoHangsUpBeforeTheEnginesDecisionsAreSeenIsHandledOnce() {
    // given c1 answered, transferred to b1, and the caller's end seen before the engine's decisions
    answeredByA1ThenTalking();
    transferToB1(true);
    stats.advance(Duration.ofSeconds(25)).endedWith("c1", CallOutcome.ABANDONED);

    // when the engine's decisions follow
    stats.rejected("c1", "support", "b1").decision("c1", "support", new RoutingAbandoned(25_000L));

    // then the contact is handled once, not abandoned, and nothing is left waiting or reserved
    IntervalCounts counts = stats.intervalCounts("support", TEN_O_CLOCK);
    assertThat(counts.handled).isEqualTo(1);
    assertThat(counts.talkMs).isEqualTo(85_000L);
    assertThat(counts.abandoned).isZero();
    QueueSnapshot support = stats.snapshot("support");
    assertThat(support.waiting()).isZero();
    assertThat(support.agentsByStatus()).containsEntry("AVAILABLE", 2).containsEntry("RESERVED", 0);
    assertThat(stats.trackedCall("c1")).isNull();
  }

  @Test
  void aTransferOutOfTheCentreEndsTheCallForTheQueueAndFreesItsAgent() {
    // given c1 answered by a1 after 8 s, talking 60 s
    answeredByA1ThenTalking();

    // when a1 transfers it to an outside number (routing ends it as a TRANSFERRED call)
    stats.transferred("c1", TransferTargetType.EXTERNAL, "+15550100", "a1");

    // then it is handled with its 60 s of talk, and a1 is free
    QueueSnapshot support = stats.snapshot("support");
    assertThat(support.answered()).isEqualTo(1);
    assertThat(support.ahtMs()).isEqualTo(60_000L);
    assertThat(support.agentsByStatus()).containsEntry("BUSY", 0).containsEntry("AVAILABLE", 2);
    assertThat(stats.trackedCall("c1")).isNull();
  }
}
