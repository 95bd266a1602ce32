package io.switchboard.simulator;

/**
 * How one simulated call went; times in ms from the start of the run, -1 when it did not happen.
 */
record FinishedCall(String callId, String queue, long arrivedMs, long answeredMs, long endedMs, Result result) {

  enum Result {
    ANSWERED,
    /** The caller hung up before an agent answered. */
    ABANDONED,
    /** The engine refused the call (e.g. queue full). */
    REJECTED,
    /** Still waiting when the run ran out of events (e.g. no agent left on shift). */
    UNRESOLVED
  }

  long waitMs() {
    return answeredMs - arrivedMs;
  }
}
