package io.switchboard.gateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.call.CallState;
import io.switchboard.schemas.call.CallStateMachine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class EndOutcomesTest {

  @ParameterizedTest
  @CsvSource({
      "CONNECTED, ENDED", "ON_HOLD, ENDED", "RECONNECTING, ENDED",
      "QUEUED, ABANDONED",
      "INITIATING, CANCELLED", "RINGING, CANCELLED", "CONNECTING, CANCELLED"})
  void endingALiveCallRecordsTheOutcomeOfItsState(CallState state, CallOutcome expected) {
    assertThat(EndOutcomes.forState(state)).contains(expected);
  }

  @ParameterizedTest
  @EnumSource(CallState.class)
  void terminalCallsCannotEndAgainAndLiveOnesMoveLegally(CallState state) {
    if (state.isTerminal()) {
      assertThat(EndOutcomes.forState(state)).isEmpty();
    } else {
      CallOutcome outcome = EndOutcomes.forState(state).orElseThrow();
      // The outcome must be a transition the shared state machine accepts from this state.
      assertThat(CallStateMachine.canMove(state, CallState.valueOf(outcome.name()))).isTrue();
    }
  }
}
