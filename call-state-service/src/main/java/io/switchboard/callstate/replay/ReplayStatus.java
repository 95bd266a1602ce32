package io.switchboard.callstate.replay;

import java.time.Instant;

/**
 * What the current or the last replay is doing, as the admin endpoint shows it.
 *
 * @param phase where the replay is
 * @param startedAt when it was asked for; null if none ever was
 * @param finishedAt when it ended (done, failed or cancelled); null while it runs
 * @param records records read into the new tables so far
 * @param eventsPerSecond records per second over the last seconds
 * @param lag records still to read up to the ends of the topics; -1 while not known
 * @param etaSeconds seconds left at the current rate; null while not known
 * @param percent records read out of records read plus lag; null while not known
 * @param liveSchema the schema the read API serves from
 * @param retiredSchema where the replaced tables were moved, once switched
 * @param pausedMillis how long the live projection was paused for the switch-over
 * @param error why it failed, or null
 */
public record ReplayStatus(ReplayPhase phase, Instant startedAt, Instant finishedAt, long records,
    double eventsPerSecond, long lag, Long etaSeconds, Double percent, String liveSchema, String retiredSchema,
    Long pausedMillis, String error) {

  static ReplayStatus idle() {
    return new ReplayStatus(ReplayPhase.IDLE, null, null, 0, 0, -1, null, null, null, null, null, null);
  }

  ReplayStatus withPhase(ReplayPhase next) {
    return new ReplayStatus(next, startedAt, finishedAt, records, eventsPerSecond, lag, etaSeconds, percent,
        liveSchema, retiredSchema, pausedMillis, error);
  }

  public boolean active() {
    return phase.active();
  }
}
