package io.switchboard.callstate.housekeeping;

import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.call.CallState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A call the projection still shows as open, with what the rules need: its state, since when, and
 * when it was created.
 */
record StaleCall(String tenantId, String callId, CallState state, Instant stateChangedAt, Instant createdAt) {

  /** How a stale call is closed, and why (the {@code reason} of its {@code CallEnded}). */
  record Closing(StaleCall call, CallOutcome outcome, String reason) {}

  /**
   * Whether the rules close this call at {@code now}: RINGING past the ringing timeout (MISSED),
   * CONNECTING past the connecting timeout (FAILED), or open past the maximum duration (ENDED when
   * talking, else FAILED). The state timeouts come first: they say more about what went wrong.
   */
  Optional<Closing> closing(Instant now, HousekeepingProperties rules) {
    if (state.isTerminal()) {
      return Optional.empty();
    }
    if (state == CallState.RINGING && olderThan(stateChangedAt, rules.ringingTimeout(), now)) {
      return Optional.of(new Closing(this, CallOutcome.MISSED,
          "ringing for more than " + rules.ringingTimeout().toSeconds() + " s"));
    }
    if (state == CallState.CONNECTING && olderThan(stateChangedAt, rules.connectingTimeout(), now)) {
      return Optional.of(new Closing(this, CallOutcome.FAILED,
          "connecting for more than " + rules.connectingTimeout().toSeconds() + " s"));
    }
    if (olderThan(createdAt, rules.maxCallDuration(), now)) {
      return Optional.of(new Closing(this, state.isAnswered() ? CallOutcome.ENDED : CallOutcome.FAILED,
          "longer than the maximum call duration of " + rules.maxCallDuration().toMinutes() + " min"));
    }
    return Optional.empty();
  }

  private static boolean olderThan(Instant since, Duration limit, Instant now) {
    return since != null && !since.plus(limit).isAfter(now);
  }
}
