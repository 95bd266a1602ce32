package io.switchboard.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.schemas.avro.AgentStatus;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueueStatsTopologyTest {

  private static final Instant TEN_O_CLOCK = Instant.parse("2026-11-21T10:00:00Z");

  private final StatsScenario stats = new StatsScenario(TEN_O_CLOCK);

  @AfterEach
  void close() {
    stats.close();
  }

  @Test
  void computesIntervalFiguresOfAHandCountedQuarterHour() {
    // given five calls in the 10:00 interval, service level threshold 20 s:
    stats.queued("c1", "sales").advance(Duration.ofSeconds(5));            // 10:00:05
    stats.queued("c2", "sales").advance(Duration.ofSeconds(5));            // 10:00:10
    stats.offered("c1", "sales", "a1").answered("c1", "sales", "a1");      //   c1 waited 10 s: within
    stats.advance(Duration.ofSeconds(30));                                 // 10:00:40
    stats.offered("c2", "sales", "a2").answered("c2", "sales", "a2");      //   c2 waited 35 s: not within
    stats.advance(Duration.ofSeconds(20));                                 // 10:01:00
    stats.queued("c3", "sales").queued("c4", "sales").queued("c5", "sales");
    stats.advance(Duration.ofSeconds(10)).abandoned("c3", "sales", Duration.ofSeconds(10)); // short abandon
    stats.advance(Duration.ofSeconds(30)).abandoned("c4", "sales", Duration.ofSeconds(40)); // 10:01:40, after 20 s
    stats.advance(Duration.ofSeconds(20)).overflowed("c5", "sales", "overflow");           // 10:02:00
    stats.advance(Duration.ofSeconds(10)).ended("c1");                     // 10:02:10: c1 talked 120 s
    stats.advance(Duration.ofSeconds(90)).ended("c2");                     // 10:03:40: c2 talked 180 s

    // when
    QueueSnapshot sales = stats.snapshot("sales");

    // then: ASA (10 + 35) / 2, AHT (120 + 180) / 2, SL 1 within / (2 answered + 1 abandoned after 20 s)
    assertThat(sales.intervalStart()).isEqualTo("2026-11-21T10:00:00Z");
    assertThat(sales.offered()).isEqualTo(5);
    assertThat(sales.answered()).isEqualTo(2);
    assertThat(sales.abandoned()).isEqualTo(2);
    assertThat(sales.overflowed()).isEqualTo(1);
    assertThat(sales.answeredWithinServiceLevel()).isEqualTo(1);
    assertThat(sales.abandonedAfterServiceLevel()).isEqualTo(1);
    assertThat(sales.asaMs()).isEqualTo(22_500L);
    assertThat(sales.ahtMs()).isEqualTo(150_000L);
    assertThat(sales.serviceLevel()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(sales.abandonmentRate()).isCloseTo(2.0 / 5, within(1e-9));
    assertThat(sales.waiting()).isZero();
    QueueSnapshot overflow = stats.snapshot("overflow");
    assertThat(overflow.offered()).isEqualTo(1);
    assertThat(overflow.waiting()).isEqualTo(1);
  }

  @Test
  void countsEachEventInTheQuarterHourOfItsOwnTime() {
    // given a call that enters at 10:14:50
    stats.advance(Duration.ofMinutes(14).plusSeconds(50)).queued("c1", "sales");
    // when it is answered at 10:15:05
    stats.advance(Duration.ofSeconds(15)).offered("c1", "sales", "a1").answered("c1", "sales", "a1");
    // then the snapshot shows the new quarter hour, where the call was answered but not offered
    QueueSnapshot now = stats.snapshot("sales");
    assertThat(now.intervalStart()).isEqualTo("2026-11-21T10:15:00Z");
    assertThat(now.offered()).isZero();
    assertThat(now.answered()).isEqualTo(1);
    assertThat(now.asaMs()).isEqualTo(15_000L);
    assertThat(now.answeredWithinServiceLevel()).isEqualTo(1);
    assertThat(now.abandonmentRate()).isNull();
    // and the 10:00 interval kept its offered call
    IntervalCounts earlier = stats.intervalCounts("sales", Instant.parse("2026-11-21T10:00:00Z"));
    assertThat(earlier.offered).isEqualTo(1);
    assertThat(earlier.answered).isZero();
  }

  @Test
  void emitsAtMostOncePerSecondPerQueueAndNeverLosesTheLastChange() {
    // given a first change after silence: written at once
    stats.queued("c1", "sales");
    assertThat(stats.emitted()).extracting(QueueStats::getWaiting).containsExactly(1);

    // when two more calls arrive within the same second
    stats.advance(Duration.ofMillis(300)).queued("c2", "sales");
    stats.advance(Duration.ofMillis(300)).queued("c3", "sales");

    // then nothing more is written until a second has passed since the last record
    assertThat(stats.emitted()).isEmpty();
    stats.advance(Duration.ofMillis(300));
    assertThat(stats.emitted()).isEmpty();
    stats.advance(Duration.ofMillis(200));
    List<QueueStats> coalesced = stats.emitted();
    assertThat(coalesced).extracting(QueueStats::getWaiting).containsExactly(3);
    assertThat(coalesced.get(0).getOccurredAt())
        .isBetween(TEN_O_CLOCK.plusMillis(1000), TEN_O_CLOCK.plusMillis(1100));
    assertThat(coalesced.get(0).getSource()).isEqualTo("stats-test");

    // and silence writes nothing more, while another queue is written at once
    stats.advance(Duration.ofSeconds(5));
    assertThat(stats.emitted()).isEmpty();
    stats.queued("c9", "support");
    assertThat(stats.emitted()).extracting(QueueStats::getQueue).containsExactly("support");
  }

  @Test
  void recordsAreKeyedByTenantAndQueueAndCarryTheSnapshot() {
    stats.queued("c1", "sales");
    stats.advance(Duration.ofSeconds(7));
    stats.queued("c2", "sales");

    List<KeyValue<String, QueueStats>> records = stats.emittedRecords();
    assertThat(records).extracting(record -> record.key)
        .containsOnly(Topics.queueKey(StatsScenario.TENANT, "sales")).hasSize(2);
    QueueStats last = records.get(1).value;
    assertThat(last.getTenantId()).isEqualTo(StatsScenario.TENANT);
    assertThat(last.getWaiting()).isEqualTo(2);
    assertThat(last.getLongestWaitMs()).isEqualTo(7_000L);
    assertThat(last.getOffered()).isEqualTo(2);
    assertThat(last.getIntervalStart()).isEqualTo(TEN_O_CLOCK);
    assertThat(last.getAgentsByStatus()).containsEntry("AVAILABLE", 0);
  }

  @Test
  void longestWaitRunsFromTheOldestCallStillWaiting() {
    stats.queued("c1", "sales").advance(Duration.ofSeconds(5)).queued("c2", "sales");
    stats.advance(Duration.ofSeconds(7));
    assertThat(stats.snapshot("sales").longestWaitMs()).isEqualTo(12_000L);

    // a call ringing an agent still waits; once answered it no longer does
    stats.offered("c1", "sales", "a1");
    assertThat(stats.snapshot("sales").waiting()).isEqualTo(2);
    stats.answered("c1", "sales", "a1");
    QueueSnapshot after = stats.snapshot("sales");
    assertThat(after.waiting()).isEqualTo(1);
    assertThat(after.longestWaitMs()).isEqualTo(7_000L);
  }

  @Test
  void countsAgentsByStatusWithTheEnginesViewOfOffersAndCalls() {
    // given three agents of sales, one of them also of support
    stats.agent("a1", "sales", "support").agent("a2", "sales").agent("a3", "sales");
    stats.status("a1", AgentStatus.AVAILABLE).status("a2", AgentStatus.BREAK);
    assertThat(stats.snapshot("sales").agentsByStatus())
        .containsEntry("AVAILABLE", 1).containsEntry("BREAK", 1).containsEntry("OFFLINE", 1);
    assertThat(stats.snapshot("sales").eligibleAgents()).isEqualTo(3);
    assertThat(stats.snapshot("support").agentsByStatus()).containsEntry("AVAILABLE", 1);

    // when a1 is offered a call it is RESERVED, once it answers BUSY, in both its queues
    stats.queued("c1", "sales").offered("c1", "sales", "a1");
    assertThat(stats.snapshot("sales").agentsByStatus()).containsEntry("RESERVED", 1).containsEntry("AVAILABLE", 0);
    stats.answered("c1", "sales", "a1");
    assertThat(stats.snapshot("sales").agentsByStatus()).containsEntry("BUSY", 1).containsEntry("RESERVED", 0);
    assertThat(stats.snapshot("support").agentsByStatus()).containsEntry("BUSY", 1);

    // then the end of the call makes it AVAILABLE again, and signing out removes a3
    stats.advance(Duration.ofSeconds(30)).ended("c1").signedOut("a3");
    QueueSnapshot sales = stats.snapshot("sales");
    assertThat(sales.agentsByStatus()).containsEntry("AVAILABLE", 1).containsEntry("BUSY", 0).containsEntry("OFFLINE", 0);
    assertThat(sales.eligibleAgents()).isEqualTo(2);
    assertThat(sales.ahtMs()).isEqualTo(30_000L);
  }

  @Test
  void aCallerWhoHangsUpWhileRingingIsAbandonedAndFreesTheAgent() {
    // given a1 ringing with c1
    stats.agent("a1", "sales").status("a1", AgentStatus.AVAILABLE).queued("c1", "sales").offered("c1", "sales", "a1");

    // when the caller hangs up: the engine rejects the offer, then writes the abandon
    stats.advance(Duration.ofSeconds(30)).endedWith("c1", CallOutcome.ABANDONED)
        .rejected("c1", "sales", "a1").abandoned("c1", "sales", Duration.ofSeconds(30));

    // then nobody waits, the agent is available, and the call counts once as abandoned after the threshold
    QueueSnapshot sales = stats.snapshot("sales");
    assertThat(sales.waiting()).isZero();
    assertThat(sales.agentsByStatus()).containsEntry("AVAILABLE", 1).containsEntry("RESERVED", 0);
    assertThat(sales.abandoned()).isEqualTo(1);
    assertThat(sales.abandonedAfterServiceLevel()).isEqualTo(1);
  }

  @Test
  void theQueueStatsRecordCarriesEligibleAgentsAndLateAbandons() {
    // given two agents of sales and a caller who gives up after the 20 s threshold
    stats.agent("a1", "sales").agent("a2", "sales").queued("c1", "sales");
    stats.advance(Duration.ofSeconds(25)).abandoned("c1", "sales", Duration.ofSeconds(25));

    // when the coalescing second has passed
    stats.advance(Duration.ofSeconds(2));

    // then the last record on queue.stats has the same figures as the live snapshot
    List<QueueStats> emitted = stats.emitted();
    QueueStats last = emitted.get(emitted.size() - 1);
    assertThat(last.getEligibleAgents()).isEqualTo(2);
    assertThat(last.getAbandonedAfterServiceLevel()).isEqualTo(1);
    assertThat(last.getAbandoned()).isEqualTo(stats.snapshot("sales").abandoned());
  }

  @Test
  void aRejectedOrRescindedOfferMakesTheAgentAvailableAgainAndTheCallKeepsWaiting() {
    stats.agent("a1", "sales").status("a1", AgentStatus.AVAILABLE).agent("a2", "sales").status("a2", AgentStatus.AVAILABLE);
    stats.queued("c1", "sales").offered("c1", "sales", "a1").offered("c1", "sales", "a2"); // ring-all
    assertThat(stats.snapshot("sales").agentsByStatus()).containsEntry("RESERVED", 2);

    stats.rejected("c1", "sales", "a1");
    stats.advance(Duration.ofSeconds(3)).answered("c1", "sales", "a2").rescinded("c1", "sales", "a1");

    QueueSnapshot sales = stats.snapshot("sales");
    assertThat(sales.agentsByStatus()).containsEntry("AVAILABLE", 1).containsEntry("BUSY", 1).containsEntry("RESERVED", 0);
    assertThat(sales.answered()).isEqualTo(1);
    assertThat(sales.asaMs()).isEqualTo(3_000L);
  }

  @Test
  void anOverflowedCallCountsOnceInTheOverflowQueueEvenWhenTheEngineAlsoQueuesItThere() {
    stats.queued("c1", "sales").advance(Duration.ofSeconds(60)).overflowed("c1", "sales", "backup").queued("c1", "backup");
    stats.advance(Duration.ofSeconds(4)).offered("c1", "backup", "b1").answered("c1", "backup", "b1");

    QueueSnapshot backup = stats.snapshot("backup");
    assertThat(backup.offered()).isEqualTo(1);
    assertThat(backup.answered()).isEqualTo(1);
    assertThat(backup.asaMs()).isEqualTo(4_000L);
    assertThat(stats.snapshot("sales").overflowed()).isEqualTo(1);
    assertThat(stats.snapshot("sales").waiting()).isZero();
  }

  @Test
  void aCallEndedBeforeItsAcceptWasSeenStillCountsAsAnsweredAndHandled() {
    stats.agent("a1", "sales").status("a1", AgentStatus.AVAILABLE);
    stats.queued("c1", "sales").offered("c1", "sales", "a1");
    stats.advance(Duration.ofSeconds(2)).callEvent("c1", new CallAnswered("a1", "r"));
    stats.advance(Duration.ofSeconds(50)).ended("c1");
    stats.decision("c1", "sales", new ReservationAccepted("a1", "r"));

    QueueSnapshot sales = stats.snapshot("sales");
    assertThat(sales.answered()).isEqualTo(1);
    assertThat(sales.ahtMs()).isEqualTo(50_000L);
    assertThat(sales.agentsByStatus()).containsEntry("AVAILABLE", 1).containsEntry("BUSY", 0);
  }

  @Test
  void anUnknownQueueHasNoStatistics() {
    stats.queued("c1", "sales");
    assertThat(stats.snapshots().snapshot(StatsScenario.TENANT, "nope", 0)).isEmpty();
    assertThat(stats.snapshots().snapshot("other-tenant", "sales", 0)).isEmpty();
  }

  @Test
  void addsToABuilderThatAlreadyReadsTheSameTopics() {
    // given a builder that reads call.events and agent.events itself, as the routing topology does
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Topics.CALL_EVENTS.name(), Consumed.with(Topics.CALL_EVENTS.keySerde(),
        Topics.CALL_EVENTS.valueSerde()).withName(Topics.CALL_EVENTS.name())).foreach((key, value) -> { });
    builder.stream(Topics.AGENT_EVENTS.name(), Consumed.with(Topics.AGENT_EVENTS.keySerde(),
        Topics.AGENT_EVENTS.valueSerde()).withName(Topics.AGENT_EVENTS.name())).foreach((key, value) -> { });
    // when the statistics are added, then the topology builds and runs
    QueueStatsTopology.addTo(builder, QueueStatsSettings.defaults("stats-test", 6, true));
    try (StatsScenario combined = new StatsScenario(builder.build(), TEN_O_CLOCK)) {
      combined.agent("a1", "sales").status("a1", AgentStatus.AVAILABLE);
      assertThat(combined.snapshot("sales").agentsByStatus()).containsEntry("AVAILABLE", 1);
    }
  }
}
