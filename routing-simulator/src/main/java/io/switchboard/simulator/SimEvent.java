package io.switchboard.simulator;

/**
 * A future event of the simulation. Events at the same millisecond run in the order they were
 * scheduled, so a run is a pure function of its inputs.
 */
record SimEvent(long atMs, long sequence, Kind kind, String callId, String agentId, String reservationId)
    implements Comparable<SimEvent> {

  enum Kind {
    ARRIVAL,
    /** The caller gives up if nobody has answered yet. */
    PATIENCE,
    /** The agent picks up an offer. */
    ANSWER,
    /** The agent hangs up a call it answered. */
    CALL_END,
    SHIFT_START,
    SHIFT_END,
    /** Nothing happens; the engine's clock moves here so that an offer expires on time. */
    CLOCK
  }

  @Override
  public int compareTo(SimEvent other) {
    int byTime = Long.compare(atMs, other.atMs);
    return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
  }
}
