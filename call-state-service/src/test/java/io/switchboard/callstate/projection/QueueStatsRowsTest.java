package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.QueueStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueueStatsRowsTest {

  private static final Instant INTERVAL = Instant.parse("2025-03-01T10:15:00Z");

  @Test
  void aSnapshotMapsToItsIntervalCountersAndItsLiveFigures() {
    // given
    QueueStats snapshot = snapshot("sales", INTERVAL, INTERVAL.plusSeconds(61), 12);

    // when
    QueueStatsRows rows = QueueStatsRows.of(List.of(snapshot));

    // then
    assertThat(rows.intervals()).singleElement().isEqualTo(new QueueStatsRows.Interval("acme", "sales", INTERVAL,
        12, 9, 2, 1, 7, 1, 8_500L, 120_000L, 0.7, 2.0 / 12, INTERVAL.plusSeconds(61), snapshot.getEventId(),
        "routing-1"));
    assertThat(rows.live()).singleElement().satisfies(live -> {
      assertThat(live.tenantId()).isEqualTo("acme");
      assertThat(live.queue()).isEqualTo("sales");
      assertThat(live.waiting()).isEqualTo(3);
      assertThat(live.longestWaitMs()).isEqualTo(45_000L);
      assertThat(live.agentsByStatus()).containsExactly(Map.entry("AVAILABLE", 2), Map.entry("BUSY", 4),
          Map.entry("OFFLINE", 0));
      assertThat(live.eligibleAgents()).isEqualTo(6);
      assertThat(live.intervalStart()).isEqualTo(INTERVAL);
      assertThat(live.snapshotAt()).isEqualTo(INTERVAL.plusSeconds(61));
      assertThat(live.eventId()).isEqualTo(snapshot.getEventId());
    });
  }

  @Test
  void figuresTheSnapshotDoesNotHaveStayNull() {
    // given
    QueueStats snapshot = snapshot("sales", INTERVAL, INTERVAL, 0);
    snapshot.setAsaMs(null);
    snapshot.setAhtMs(null);
    snapshot.setServiceLevel(null);
    snapshot.setAbandonmentRate(null);

    // when
    QueueStatsRows.Interval row = QueueStatsRows.of(List.of(snapshot)).intervals().get(0);

    // then
    assertThat(row.asaMs()).isNull();
    assertThat(row.ahtMs()).isNull();
    assertThat(row.serviceLevel()).isNull();
    assertThat(row.abandonmentRate()).isNull();
  }

  @Test
  void theLatestSnapshotOfAnIntervalWinsWhateverTheOrderRead() {
    // given a newer snapshot read before an older one, and a snapshot of the next interval
    QueueStats newer = snapshot("sales", INTERVAL, INTERVAL.plusSeconds(300), 20);
    QueueStats older = snapshot("sales", INTERVAL, INTERVAL.plusSeconds(100), 10);
    QueueStats next = snapshot("sales", INTERVAL.plusSeconds(900), INTERVAL.plusSeconds(901), 1);
    QueueStats otherQueue = snapshot("support", INTERVAL, INTERVAL.plusSeconds(50), 4);

    // when
    QueueStatsRows rows = QueueStatsRows.of(List.of(newer, next, older, otherQueue));

    // then
    assertThat(rows.intervals()).extracting(QueueStatsRows.Interval::queue, QueueStatsRows.Interval::intervalStart,
        QueueStatsRows.Interval::offered).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("sales", INTERVAL, 20),
            org.assertj.core.groups.Tuple.tuple("sales", INTERVAL.plusSeconds(900), 1),
            org.assertj.core.groups.Tuple.tuple("support", INTERVAL, 4));
    assertThat(rows.live()).extracting(QueueStatsRows.Live::queue, QueueStatsRows.Live::eventId)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("sales", next.getEventId()),
            org.assertj.core.groups.Tuple.tuple("support", otherQueue.getEventId()));
  }

  @Test
  void ofTwoSnapshotsOfTheSameInstantTheOneReadLastWins() {
    QueueStats first = snapshot("sales", INTERVAL, INTERVAL.plusSeconds(5), 1);
    QueueStats second = snapshot("sales", INTERVAL, INTERVAL.plusSeconds(5), 2);

    QueueStatsRows rows = QueueStatsRows.of(List.of(first, second));

    assertThat(rows.intervals()).singleElement().extracting(QueueStatsRows.Interval::offered).isEqualTo(2);
    assertThat(rows.live()).singleElement().extracting(QueueStatsRows.Live::eventId).isEqualTo(second.getEventId());
  }

  static QueueStats snapshot(String queue, Instant intervalStart, Instant at, int offered) {
    return QueueStats.newBuilder().setEventId(UUID.randomUUID()).setTenantId("acme").setOccurredAt(at)
        .setSource("routing-1").setQueue(queue).setWaiting(3).setLongestWaitMs(45_000L)
        .setAgentsByStatus(Map.of("BUSY", 4, "AVAILABLE", 2, "OFFLINE", 0)).setIntervalStart(intervalStart)
        .setOffered(offered).setAnswered(9).setAbandoned(2).setOverflowed(1).setAnsweredWithinServiceLevel(7)
        .setAsaMs(8_500L).setAhtMs(120_000L).setServiceLevel(0.7)
        .setAbandonmentRate(offered == 0 ? null : 2.0 / offered).setEligibleAgents(6)
        .setAbandonedAfterServiceLevel(1).build();
  }
}
