package io.switchboard.callstate.replay;

/** The steps of a replay. */
public enum ReplayPhase {
  /** No replay has run since the service started. */
  IDLE(false),
  /** Making the new tables (Flyway into the rebuild schema). */
  PREPARING(true),
  /** Reading the topics from the beginning into the new tables; the old ones serve. */
  REBUILDING(true),
  /** The live projection is paused while the rebuild reaches its offsets and the tables are swapped. */
  SWITCHING(true),
  /** The new tables are live. */
  DONE(false),
  /** It stopped on an error; the old tables stayed live. */
  FAILED(false),
  /** Cancelled, or stopped with the service; the old tables stayed live. */
  CANCELLED(false);

  private final boolean active;

  ReplayPhase(boolean active) {
    this.active = active;
  }

  /** Whether a replay in this phase is still running. */
  public boolean active() {
    return active;
  }
}
