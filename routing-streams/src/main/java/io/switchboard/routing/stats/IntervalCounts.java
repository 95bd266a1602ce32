package io.switchboard.routing.stats;

/**
 * Counters of one queue in one 15-minute interval; each event counts in the interval of its own
 * time. Mutable: read, change, put back.
 */
final class IntervalCounts {

  /** Calls that entered the queue. */
  int offered;
  /** Calls answered (reservation accepted). */
  int answered;
  int abandoned;
  int overflowed;
  /** Answered with a wait at most the service-level threshold. */
  int answeredWithinServiceLevel;
  /** Abandoned after waiting longer than the threshold: they count against the service level. */
  int abandonedAfterServiceLevel;
  /** Sum of the waits of the answered calls, for ASA. */
  long answeredWaitMs;
  /** Answered calls that ended, and the sum of their talk times, for AHT. */
  int handled;
  long talkMs;

  Long asaMs() {
    return answered == 0 ? null : answeredWaitMs / answered;
  }

  Long ahtMs() {
    return handled == 0 ? null : talkMs / handled;
  }

  /** Answered within the threshold / (answered + abandoned after the threshold); null when nobody counts. */
  Double serviceLevel() {
    int outcomes = answered + abandonedAfterServiceLevel;
    return outcomes == 0 ? null : (double) answeredWithinServiceLevel / outcomes;
  }

  /** Abandoned / offered, both of this interval; null before any call entered. */
  Double abandonmentRate() {
    return offered == 0 ? null : (double) abandoned / offered;
  }
}
