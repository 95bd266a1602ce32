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
 * @param answeredBefore the call came back to this queue by a blind transfer to an agent, after it was
 *     answered and counted here: the same contact, not a new one (no second offered, answered or wait);
 *     {@code talkStartedAt} is then its first answer
 * @param transfer a blind transfer of which only one half (the call event or the engine's answer) is seen yet
 */
record TrackedCall(String queue, long enteredAt, Phase phase, String agentId, long talkStartedAt,
    long acceptedAt, long endedAt, String endOutcome, boolean answeredBefore, Transfer transfer) {

  enum Phase {
    /** In line, or ringing an agent: the caller is still waiting. */
    WAITING,
    /** Left the line to be called back; keeps its place but is not counted as waiting. */
    CALLBACK,
    /** Answered: an agent holds it. */
    CONNECTED
  }

  /**
   * The two halves of a blind transfer reach the statistics in either order: the call event
   * ({@code CallTransferred}, or {@code CallQueued} for a connected call) and the engine's answer
   * ({@code RoutingQueued} for the connected call, or a refusal). The half seen first is kept here.
   */
  enum Transfer {
    NONE,
    /** {@code CallTransferred} to an agent seen, the engine's answer not yet. */
    TO_AGENT,
    /** {@code CallTransferred} to a queue (or {@code CallQueued}) seen, the engine's answer not yet. */
    TO_QUEUE,
    /** The engine refused a transfer ({@code AssignmentRefused}, {@code RoutingRejected}); its call event not seen yet. */
    REFUSED,
    /** The engine queued the connected call again; the call event saying which transfer it was not seen yet. */
    REQUEUED
  }

  TrackedCall(String queue, long enteredAt, Phase phase, String agentId, long talkStartedAt, long acceptedAt,
      long endedAt, String endOutcome) {
    this(queue, enteredAt, phase, agentId, talkStartedAt, acceptedAt, endedAt, endOutcome, false, Transfer.NONE);
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
    return new TrackedCall(queue, enteredAt, phase, agent, talkStartedAt, acceptedAt, endedAt, endOutcome,
        answeredBefore, transfer);
  }

  TrackedCall inPhase(Phase next) {
    return new TrackedCall(queue, enteredAt, next, agentId, talkStartedAt, acceptedAt, endedAt, endOutcome,
        answeredBefore, transfer);
  }

  TrackedCall talking(long at) {
    return new TrackedCall(queue, enteredAt, phase, agentId, at, acceptedAt, endedAt, endOutcome,
        answeredBefore, transfer);
  }

  TrackedCall accepted(String agent, long at) {
    return new TrackedCall(queue, enteredAt, Phase.CONNECTED, agent, talkStartedAt, at, endedAt, endOutcome,
        answeredBefore, transfer);
  }

  TrackedCall ended(String outcome, long at) {
    return new TrackedCall(queue, enteredAt, phase, agentId, talkStartedAt, acceptedAt, at, outcome,
        answeredBefore, transfer);
  }

  TrackedCall withTransfer(Transfer next) {
    return new TrackedCall(queue, enteredAt, phase, agentId, talkStartedAt, acceptedAt, endedAt, endOutcome,
        answeredBefore, next);
  }

  /**
   * This connected call back in its queue at {@code at} after a blind transfer to an agent: still
   * the contact answered here, waiting for its next agent, its talk running from the first answer.
   */
  TrackedCall continuedAt(long at) {
    long firstAnswer = talkStartedAt >= 0 ? talkStartedAt : acceptedAt;
    return new TrackedCall(queue, at, Phase.WAITING, null, firstAnswer, acceptedAt, -1, null, true, Transfer.NONE);
  }

  /** Counted as a new contact of its queue after all (a transfer to its own queue): talk starts at the next answer. */
  TrackedCall asNewContact() {
    return new TrackedCall(queue, enteredAt, phase, agentId, -1, acceptedAt, endedAt, endOutcome, false, transfer);
  }

  /** Talk time of a connected call ended at {@code at}: from the answer, or from the accept if no answer was seen. */
  long talkMs(long at) {
    long start = talkStartedAt >= 0 ? talkStartedAt : acceptedAt;
    return Math.max(0, at - start);
  }
}
