package io.switchboard.schemas.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CallStateMachineTest {

  /** The transition table of DESIGN §3 and docs/call-states.md, written out independently. */
  static final Map<String, String> LEGAL = Map.of(
      "INITIATING", "QUEUED RINGING CONNECTING CONNECTED FAILED BUSY CANCELLED",
      "QUEUED", "RINGING ABANDONED CANCELLED FAILED",
      "RINGING", "QUEUED CONNECTING CONNECTED ABANDONED DECLINED MISSED BUSY CANCELLED FAILED",
      "CONNECTING", "CONNECTED QUEUED ABANDONED CANCELLED FAILED",
      "CONNECTED", "ON_HOLD RECONNECTING QUEUED TRANSFERRED ENDED FAILED",
      "ON_HOLD", "CONNECTED RECONNECTING QUEUED TRANSFERRED ENDED FAILED",
      "RECONNECTING", "CONNECTED ON_HOLD ENDED FAILED");

  static List<Arguments> allPairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (CallState from : CallState.values()) {
      for (CallState to : CallState.values()) {
        pairs.add(Arguments.of(from, to));
      }
    }
    return pairs;
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("allPairs")
  void allowsExactlyTheTransitionsOfTheTable(CallState from, CallState to) {
    boolean legal = from == to || Set.of(LEGAL.getOrDefault(from.name(), "").split(" ")).contains(to.name());

    assertThat(CallStateMachine.canMove(from, to)).isEqualTo(legal);
    if (legal) {
      assertThat(CallStateMachine.move(from, to)).isEqualTo(to);
    } else {
      assertThatThrownBy(() -> CallStateMachine.move(from, to))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessage("A call cannot move from " + from + " to " + to);
    }
  }

  @ParameterizedTest
  @MethodSource("terminalStates")
  void terminalStatesHaveNoWayOut(CallState terminal) {
    assertThat(terminal.isTerminal()).isTrue();
    assertThat(CallStateMachine.next(terminal)).isEmpty();
  }

  static Set<CallState> terminalStates() {
    return EnumSet.of(CallState.ENDED, CallState.ABANDONED, CallState.FAILED, CallState.BUSY,
        CallState.DECLINED, CallState.MISSED, CallState.CANCELLED, CallState.TRANSFERRED);
  }
}
