package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class ProjectionHealthIndicatorTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  private final ProjectionStatus status = new ProjectionStatus(Clock.fixed(NOW, ZoneOffset.UTC));
  private final ProjectionHealthIndicator indicator = new ProjectionHealthIndicator(status);

  @Test
  void isDownUntilTheLoopRuns() {
    assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(indicator.health().getDetails()).containsEntry("phase", "STARTING");
  }

  @Test
  void isUpWhileBatchesApply() {
    status.running(18);
    status.batchApplied();

    Health health = indicator.health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("partitions", 18).containsEntry("lastBatchAt", NOW.toString());
  }

  @Test
  void staysUpWhilePausedForAReplaysSwitchOverButNotOnceStopped() {
    status.running(18);
    status.paused();
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    assertThat(indicator.health().getDetails()).containsEntry("phase", "PAUSED");

    status.stopped();
    assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
  }

  @Test
  void isDownWithTheErrorWhileRetryingAndUpAgainAfterASuccess() {
    status.running(18);
    status.retrying(new IllegalStateException("database gone"));

    Health failing = indicator.health();
    status.batchApplied();

    assertThat(failing.getStatus()).isEqualTo(Status.DOWN);
    assertThat(failing.getDetails()).containsEntry("phase", "RETRYING")
        .containsEntry("lastError", "IllegalStateException: database gone").containsEntry("retries", 1L);
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void isDownWhenTheLoopDied() {
    status.running(18);
    status.died(new IllegalStateException("boom"));

    assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(indicator.health().getDetails()).containsEntry("phase", "DIED")
        .containsEntry("lastError", "IllegalStateException: boom");
  }
}
