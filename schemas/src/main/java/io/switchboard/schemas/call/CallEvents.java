package io.switchboard.schemas.call;

import io.switchboard.schemas.avro.CallAnswered;
import io.switchboard.schemas.avro.CallCreated;
import io.switchboard.schemas.avro.CallEnded;
import io.switchboard.schemas.avro.CallHeld;
import io.switchboard.schemas.avro.CallQueued;
import io.switchboard.schemas.avro.CallResumed;
import io.switchboard.schemas.avro.CallRinging;
import io.switchboard.schemas.avro.CallTransferred;
import io.switchboard.schemas.avro.ReservationRejected;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import io.switchboard.schemas.avro.TransferTargetType;
import java.util.Optional;

/**
 * Which state a {@code call.events} or {@code routing.decisions} payload asks a call to enter.
 * Payloads that do not change the state (participants, accepted reservations) give empty.
 */
public final class CallEvents {

  private CallEvents() {}

  public static Optional<CallState> targetState(Object payload) {
    CallState target = null;
    if (payload instanceof CallCreated) {
      target = CallState.INITIATING;
    } else if (payload instanceof CallQueued || payload instanceof RoutingQueued
        || payload instanceof ReservationRejected || payload instanceof ReservationTimedOut) {
      target = CallState.QUEUED;
    } else if (payload instanceof CallRinging || payload instanceof RoutingOffered) {
      target = CallState.RINGING;
    } else if (payload instanceof CallAnswered || payload instanceof CallResumed) {
      target = CallState.CONNECTED;
    } else if (payload instanceof CallHeld) {
      target = CallState.ON_HOLD;
    } else if (payload instanceof CallTransferred transferred
        && transferred.getTargetType() == TransferTargetType.EXTERNAL) {
      target = CallState.TRANSFERRED;
    } else if (payload instanceof CallEnded ended) {
      target = CallState.valueOf(ended.getOutcome().name());
    }
    return Optional.ofNullable(target);
  }
}
