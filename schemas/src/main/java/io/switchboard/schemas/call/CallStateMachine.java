package io.switchboard.schemas.call;

import static io.switchboard.schemas.call.CallState.ABANDONED;
import static io.switchboard.schemas.call.CallState.BUSY;
import static io.switchboard.schemas.call.CallState.CANCELLED;
import static io.switchboard.schemas.call.CallState.CONNECTED;
import static io.switchboard.schemas.call.CallState.CONNECTING;
import static io.switchboard.schemas.call.CallState.DECLINED;
import static io.switchboard.schemas.call.CallState.ENDED;
import static io.switchboard.schemas.call.CallState.FAILED;
import static io.switchboard.schemas.call.CallState.INITIATING;
import static io.switchboard.schemas.call.CallState.MISSED;
import static io.switchboard.schemas.call.CallState.ON_HOLD;
import static io.switchboard.schemas.call.CallState.QUEUED;
import static io.switchboard.schemas.call.CallState.RECONNECTING;
import static io.switchboard.schemas.call.CallState.RINGING;
import static io.switchboard.schemas.call.CallState.TRANSFERRED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The transition table of a call, used by every module that judges a transition.
 *
 * <p>Staying in the same state is not a transition and is always allowed (two services may report
 * the same fact). {@code docs/call-states.md} explains each edge.
 */
public final class CallStateMachine {

  private static final Map<CallState, EnumSet<CallState>> NEXT = new EnumMap<>(CallState.class);

  static {
    NEXT.put(INITIATING, EnumSet.of(QUEUED, RINGING, CONNECTING, CONNECTED, FAILED, BUSY, CANCELLED));
    // A queued caller is offered, hangs up (abandoned) or is given up on.
    NEXT.put(QUEUED, EnumSet.of(RINGING, ABANDONED, CANCELLED, FAILED));
    // A rejected or expired offer returns the call to the queue; SIP answers may skip CONNECTING.
    NEXT.put(RINGING, EnumSet.of(QUEUED, CONNECTING, CONNECTED, ABANDONED, DECLINED, MISSED, BUSY, CANCELLED, FAILED));
    NEXT.put(CONNECTING, EnumSet.of(CONNECTED, QUEUED, ABANDONED, CANCELLED, FAILED));
    // A transfer to a queue takes an answered call back to QUEUED under the same id.
    NEXT.put(CONNECTED, EnumSet.of(ON_HOLD, RECONNECTING, QUEUED, TRANSFERRED, ENDED, FAILED));
    NEXT.put(ON_HOLD, EnumSet.of(CONNECTED, RECONNECTING, QUEUED, TRANSFERRED, ENDED, FAILED));
    NEXT.put(RECONNECTING, EnumSet.of(CONNECTED, ON_HOLD, ENDED, FAILED));
    for (CallState state : CallState.values()) {
      if (state.isTerminal()) {
        NEXT.put(state, EnumSet.noneOf(CallState.class));
      }
    }
  }

  private CallStateMachine() {}

  /** Whether a call in {@code from} may move to {@code to}. */
  public static boolean canMove(CallState from, CallState to) {
    return from == to || NEXT.get(from).contains(to);
  }

  /**
   * The state after moving from {@code from} to {@code to}.
   *
   * @throws IllegalTransitionException when the table has no such edge
   */
  public static CallState move(CallState from, CallState to) {
    if (!canMove(from, to)) {
      throw new IllegalTransitionException(from, to);
    }
    return to;
  }

  /** The states a call in {@code from} may move to, excluding itself. */
  public static Set<CallState> next(CallState from) {
    return EnumSet.copyOf(NEXT.get(from));
  }
}
