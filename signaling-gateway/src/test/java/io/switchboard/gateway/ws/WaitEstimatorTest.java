package io.switchboard.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.QueueStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaitEstimatorTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:07:00Z");
  private static final QueueStatsTable.HandleTime FOUR_MINUTES =
      new QueueStatsTable.HandleTime(240_000, Instant.parse("2026-12-01T10:00:00Z"));

  private static QueueStats agents(Map<String, Integer> byStatus) {
    return QueueStatsFixtures.snapshot("acme", "sales", NOW).setAgentsByStatus(byStatus).build();
  }

  @Test
  void isThePlaceTimesTheHandleTimeOverTheStaffedAgentsRoundedUpToHalfMinutes() {
    QueueStats two = agents(Map.of("BUSY", 1, "AVAILABLE", 1, "BREAK", 3, "OFFLINE", 2));
    // 3 × 240 s / 2 = 360 s.
    assertThat(WaitEstimator.estimate(two, FOUR_MINUTES, 3, NOW)).isEqualTo(360);
    // 1 × 240 s / 7 = 34.3 s: rounded up to 60 s.
    QueueStats seven = agents(Map.of("BUSY", 4, "RESERVED", 1, "WRAP_UP", 1, "AVAILABLE", 1));
    assertThat(WaitEstimator.estimate(seven, FOUR_MINUTES, 1, NOW)).isEqualTo(60);
  }

  @Test
  void isNullWithoutStatisticsPlaceHandleTimeOrStaffedAgent() {
    QueueStats staffed = agents(Map.of("BUSY", 1));
    assertThat(WaitEstimator.estimate(null, FOUR_MINUTES, 1, NOW)).isNull();
    assertThat(WaitEstimator.estimate(staffed, null, 1, NOW)).isNull();
    assertThat(WaitEstimator.estimate(staffed, FOUR_MINUTES, null, NOW)).isNull();
    assertThat(WaitEstimator.estimate(staffed, FOUR_MINUTES, 0, NOW)).isNull();
    assertThat(WaitEstimator.estimate(agents(Map.of("BREAK", 2, "OFFLINE", 1)), FOUR_MINUTES, 1, NOW)).isNull();
  }

  @Test
  void ignoresAHandleTimeOfAnIntervalOverAnHourOld() {
    QueueStats staffed = agents(Map.of("BUSY", 1));
    Instant start = FOUR_MINUTES.intervalStart();
    assertThat(WaitEstimator.estimate(staffed, FOUR_MINUTES, 2, start.plus(Duration.ofHours(1)))).isEqualTo(480);
    assertThat(WaitEstimator.estimate(staffed, FOUR_MINUTES, 2, start.plus(Duration.ofMinutes(61)))).isNull();
  }

  @Test
  void aChangeIsMaterialWhenItAppearsVanishesOrMovesAMinuteAndAFifth() {
    assertThat(WaitEstimator.material(null, null)).isFalse();
    assertThat(WaitEstimator.material(null, 30)).isTrue();
    assertThat(WaitEstimator.material(30, null)).isTrue();
    assertThat(WaitEstimator.material(120, 150)).isFalse();
    assertThat(WaitEstimator.material(120, 180)).isTrue();
    assertThat(WaitEstimator.material(600, 660)).isFalse();
    assertThat(WaitEstimator.material(600, 480)).isTrue();
  }
}
