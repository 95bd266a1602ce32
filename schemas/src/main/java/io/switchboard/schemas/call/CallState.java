package io.switchboard.schemas.call;

/** The states of a call (DESIGN §3). The last eight are terminal outcomes. */
public enum CallState {
  INITIATING,
  QUEUED,
  RINGING,
  CONNECTING,
  CONNECTED,
  ON_HOLD,
  RECONNECTING,
  ENDED,
  ABANDONED,
  FAILED,
  BUSY,
  DECLINED,
  MISSED,
  CANCELLED,
  TRANSFERRED;

  /** A terminal state is final: no transition leaves it. */
  public boolean isTerminal() {
    return ordinal() >= ENDED.ordinal();
  }

  /** Whether the call was answered by the time it is in this state. */
  public boolean isAnswered() {
    return this == CONNECTED || this == ON_HOLD || this == RECONNECTING;
  }
}
