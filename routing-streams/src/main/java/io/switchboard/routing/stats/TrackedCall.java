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
 * @param endedAt {@code CallEnded} time, when the end was seen before the answer was confirmed
 */
record TrackedCall(String queue, long enteredAt, Phase phase, String agentId, long talkStartedAt,
    long acceptedAt, long endedAt) {

  enum Phase {
    /** In line, or ringing an agent: the caller is still waiting. */
    WAITING,
    /** Left the line to be called back; keeps its place but is not counted as waiting. */
    CALLBACK,
    /** Answered: an agent holds it. */
    CONNECTED
  }

  static TrackedCall entered(String queue, long at) {
    return new TrackedCall(queue, at, Phase.WAITING, null, -1, -1, -1);
  }

  boolean connected() {
    return phase == Phase.CONNECTED;
  }

  TrackedCall offeredTo(String agent) {
    return new TrackedCall(queue, enteredAt, phase, agent, talkStartedAt, acceptedAt, endedAt);
  }

  TrackedCall inPhase(Phase next) {
    return new TrackedCall(queue, enteredAt, next, agentId, talkStartedAt, acceptedAt, endedAt);
  }

  TrackedCall talking(long at) {
    return new TrackedCall(queue, enteredAt, phase, agentId, at, acceptedAt, endedAt);
  }

  TrackedCall accepted(String agent, long at) {
    return new TrackedCall(queue, enteredAt, Phase.CONNECTED, agent, talkStartedAt, at, endedAt);
  }

  TrackedCall ended(long at) {
    return new TrackedCall(queue, enteredAt, phase, agentId, talkStartedAt, acceptedAt, at);
  }

  /** Talk time of a connected call ended at {@code at}: from the answer, or from the accept if no answer was seen. */
  long talkMs(long at) {
    long start = talkStartedAt >= 0 ? talkStartedAt : acceptedAt;
    return Math.max(0, at - start);
  }
}
