package io.switchboard.routing.stats;

/**
 * A call the statistics follow from the moment it enters a queue until it is answered and ended,
 * or leaves the queue. Times are epoch millis, -1 when not reached.
 *
 * @param queue the queue the call is in (or was answered from)
 * @param enteredAt when it entered this queue: waits are measured from here
 * @param phase where it stands
 * @param agentId the agent it was last offered to, or who holds it
 * @param talkStartedAt {@code CallAnswered} time, the start of talk time
 * @param acceptedAt {@code ReservationAccepted} time, the end of the wait
 * @param endedAt {@code CallEnded} time, when the end was seen before the engine's last word on the call
 * @param endOutcome the {@code CallEnded} outcome (name), or null
 */
record TrackedCall(String queue, long enteredAt, Phase phase, String agentId, long talkStartedAt,
    long acceptedAt, long endedAt, String endOutcome) {

  enum Phase {
    /** In line, or ringing an agent: the caller is still waiting. */
    WAITING,
    /** Left the line to be called back; keeps its place but is not counted as waiting. */
    CALLBACK,
    /** Answered: an agent holds it. */
    CONNECTED
  }

  static TrackedCall entered(String queue, long at) {
    return new TrackedCall(queue, at, Phase.WAITING, null, -1, -1, -1, null);
  }

  /**
   * The end of a call not seen entering a queue yet: the inputs are not ordered with each other, so
   * the engine's decisions about it may still come, and must then count it as already gone.
   */
  static TrackedCall endedEarly(String outcome, long at) {
    return new TrackedCall(null, -1, Phase.WAITING, null, -1, -1, at, outcome);
  }

  /** False for an {@link #endedEarly} record: no queue yet. */
  boolean entered() {
    return queue != null;
  }

  /** Its end was seen, and it is not held by an agent: no longer waiting, whatever the engine still writes. */
  boolean gone() {
    return endedAt >= 0 && phase != Phase.CONNECTED;
  }

  boolean connected() {
    return phase == Phase.CONNECTED;
  }

  TrackedCall offeredTo(String agent) {
    return new TrackedCall(queue, enteredAt, phase, agent, talkStartedAt, acceptedAt, endedAt, endOutcome);
  }

  TrackedCall inPhase(Phase next) {
    return new TrackedCall(queue, enteredAt, next, agentId, talkStartedAt, acceptedAt, endedAt, endOutcome);
  }

  TrackedCall talking(long at) {
    return new TrackedCall(queue, enteredAt, phase, agentId, at, acceptedAt, endedAt, endOutcome);
  }

  TrackedCall accepted(String agent, long at) {
    return new TrackedCall(queue, enteredAt, Phase.CONNECTED, agent, talkStartedAt, at, endedAt, endOutcome);
  }

  TrackedCall ended(String outcome, long at) {
    return new TrackedCall(queue, enteredAt, phase, agentId, talkStartedAt, acceptedAt, at, outcome);
  }

  /** Talk time of a connected call ended at {@code at}: from the answer, or from the accept if no answer was seen. */
  long talkMs(long at) {
    long start = talkStartedAt >= 0 ? talkStartedAt : acceptedAt;
    return Math.max(0, at - start);
  }
}
