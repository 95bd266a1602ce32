package io.switchboard.gateway.call;

import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.call.CallState;
import java.util.Optional;

/** How ending a call is recorded depends on how far it got (docs/call-flow.md, step 7). */
final class EndOutcomes {

  private EndOutcomes() {}

  /** The outcome of ending a call in {@code state}; empty when the call has already ended. */
  static Optional<CallOutcome> forState(CallState state) {
    if (state.isTerminal()) {
      return Optional.empty();
    }
    if (state.isAnswered()) {
      return Optional.of(CallOutcome.ENDED);
    }
    if (state == CallState.QUEUED) {
      // The caller hung up while waiting.
      return Optional.of(CallOutcome.ABANDONED);
    }
    // INITIATING, RINGING, CONNECTING: given up before anyone answered.
    return Optional.of(CallOutcome.CANCELLED);
  }
}
