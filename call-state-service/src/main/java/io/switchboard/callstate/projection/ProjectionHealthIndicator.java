package io.switchboard.callstate.projection;

import io.switchboard.callstate.projection.ProjectionStatus.Phase;
import io.switchboard.callstate.projection.ProjectionStatus.Snapshot;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP while the projection loop polls and applies batches, or is paused for a replay's switch-over;
 * DOWN, with the last error, otherwise.
 */
final class ProjectionHealthIndicator implements HealthIndicator {

  private final ProjectionStatus status;

  ProjectionHealthIndicator(ProjectionStatus status) {
    this.status = status;
  }

  @Override
  public Health health() {
    Snapshot snapshot = status.snapshot();
    boolean up = snapshot.phase() == Phase.RUNNING || snapshot.phase() == Phase.PAUSED;
    Health.Builder health = up ? Health.up() : Health.down();
    health.withDetail("phase", snapshot.phase().name()).withDetail("partitions", snapshot.partitions());
    if (snapshot.lastBatchAt() != null) {
      health.withDetail("lastBatchAt", snapshot.lastBatchAt().toString());
    }
    if (snapshot.lastError() != null) {
      health.withDetail("lastError", snapshot.lastError()).withDetail("retries", snapshot.retries());
    }
    return health.build();
  }
}
