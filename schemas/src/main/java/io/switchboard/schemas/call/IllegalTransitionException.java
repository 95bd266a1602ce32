package io.switchboard.schemas.call;

/** A call cannot move from its current state to the requested one. */
public final class IllegalTransitionException extends RuntimeException {

  private final CallState from;
  private final CallState to;

  public IllegalTransitionException(CallState from, CallState to) {
    super("A call cannot move from " + from + " to " + to);
    this.from = from;
    this.to = to;
  }

  public CallState from() {
    return from;
  }

  public CallState to() {
    return to;
  }
}
