package io.switchboard.callstate.projection;

import java.time.Clock;
import java.time.Instant;

/** What the projection loop is doing, for the health endpoint. Written by the loop, read by anyone. */
public final class ProjectionStatus {

  /** The phases of the loop. */
  public enum Phase {
    /** Connecting to Kafka and seeking to the stored offsets. */
    STARTING,
    /** Polling and applying batches. */
    RUNNING,
    /** The last attempt failed; waiting to retry from the stored offsets. */
    RETRYING,
    /** Stopped for a moment by replay's switch-over; it starts again from the stored offsets. */
    PAUSED,
    /** Stopped with the application. */
    STOPPED,
    /** Ended on an error it does not recover from. */
    DIED
  }

  /** A consistent view of the status. */
  public record Snapshot(Phase phase, int partitions, Instant lastBatchAt, String lastError, long retries) {}

  private final Clock clock;
  private volatile Snapshot snapshot = new Snapshot(Phase.STARTING, 0, null, null, 0);

  ProjectionStatus(Clock clock) {
    this.clock = clock;
  }

  Snapshot snapshot() {
    return snapshot;
  }

  synchronized void starting() {
    snapshot = new Snapshot(Phase.STARTING, 0, snapshot.lastBatchAt(), snapshot.lastError(), snapshot.retries());
  }

  synchronized void running(int partitions) {
    snapshot = new Snapshot(Phase.RUNNING, partitions, snapshot.lastBatchAt(), null, 0);
  }

  synchronized void batchApplied() {
    Snapshot s = snapshot;
    snapshot = new Snapshot(Phase.RUNNING, s.partitions(), clock.instant(), null, 0);
  }

  synchronized void retrying(Throwable error) {
    Snapshot s = snapshot;
    snapshot = new Snapshot(Phase.RETRYING, s.partitions(), s.lastBatchAt(), describe(error), s.retries() + 1);
  }

  synchronized void stopped() {
    Snapshot s = snapshot;
    snapshot = new Snapshot(Phase.STOPPED, s.partitions(), s.lastBatchAt(), s.lastError(), s.retries());
  }

  synchronized void paused() {
    Snapshot s = snapshot;
    snapshot = new Snapshot(Phase.PAUSED, s.partitions(), s.lastBatchAt(), s.lastError(), s.retries());
  }

  synchronized void died(Throwable error) {
    Snapshot s = snapshot;
    snapshot = new Snapshot(Phase.DIED, s.partitions(), s.lastBatchAt(), describe(error), s.retries());
  }

  private static String describe(Throwable error) {
    return error.getClass().getSimpleName() + ": " + error.getMessage();
  }
}
