package io.switchboard.callstate.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.call.CallState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaleCallTest {

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final HousekeepingProperties RULES = new HousekeepingProperties(true, Duration.ofSeconds(30),
      Duration.ofSeconds(60), Duration.ofSeconds(45), Duration.ofHours(4), Duration.ofDays(7), 500);

  private static Optional<StaleCall.Closing> closing(CallState state, Duration inState, Duration sinceCreated) {
    return new StaleCall("acme", "c1", state, NOW.minus(inState), NOW.minus(sinceCreated)).closing(NOW, RULES);
  }

  @Test
  void aCallRingingPastTheTimeoutIsMissedAndOneStillWithinItIsLeft() {
    assertThat(closing(CallState.RINGING, Duration.ofSeconds(60), Duration.ofMinutes(2)))
        .hasValueSatisfying(closing -> {
          assertThat(closing.outcome()).isEqualTo(CallOutcome.MISSED);
          assertThat(closing.reason()).contains("ringing for more than 60 s");
        });
    assertThat(closing(CallState.RINGING, Duration.ofSeconds(59), Duration.ofMinutes(2))).isEmpty();
  }

  @Test
  void aCallConnectingPastTheTimeoutFails() {
    assertThat(closing(CallState.CONNECTING, Duration.ofSeconds(46), Duration.ofMinutes(2)))
        .map(StaleCall.Closing::outcome).hasValue(CallOutcome.FAILED);
    assertThat(closing(CallState.CONNECTING, Duration.ofSeconds(44), Duration.ofMinutes(2))).isEmpty();
  }

  @Test
  void aCallPastTheMaximumDurationEndsWhenTalkingAndFailsOtherwise() {
    Duration longAgo = Duration.ofHours(4).plusSeconds(1);
    assertThat(closing(CallState.CONNECTED, Duration.ofHours(3), longAgo).map(StaleCall.Closing::outcome))
        .hasValue(CallOutcome.ENDED);
    assertThat(closing(CallState.ON_HOLD, Duration.ofMinutes(1), longAgo).map(StaleCall.Closing::outcome))
        .hasValue(CallOutcome.ENDED);
    assertThat(closing(CallState.QUEUED, Duration.ofHours(4), longAgo))
        .hasValueSatisfying(closing -> {
          assertThat(closing.outcome()).isEqualTo(CallOutcome.FAILED);
          assertThat(closing.reason()).contains("maximum call duration of 240 min");
        });
    assertThat(closing(CallState.CONNECTED, Duration.ofHours(3), Duration.ofHours(3))).isEmpty();
  }

  @Test
  void anEndedCallIsNeverClosedAgain() {
    assertThat(closing(CallState.ENDED, Duration.ofHours(9), Duration.ofHours(9))).isEmpty();
    assertThat(closing(CallState.MISSED, Duration.ofHours(9), Duration.ofHours(9))).isEmpty();
  }

  @Test
  void theEventIdIsTheSameForTheSameStuckStateAndDiffersForAnother() {
    StaleCall.Closing first = closing(CallState.RINGING, Duration.ofMinutes(5), Duration.ofMinutes(6)).orElseThrow();
    StaleCall.Closing again = closing(CallState.RINGING, Duration.ofMinutes(5), Duration.ofMinutes(6)).orElseThrow();
    StaleCall.Closing later = closing(CallState.RINGING, Duration.ofMinutes(2), Duration.ofMinutes(6)).orElseThrow();

    assertThat(CallCloser.eventId(again)).isEqualTo(CallCloser.eventId(first));
    assertThat(CallCloser.eventId(later)).isNotEqualTo(CallCloser.eventId(first));
  }
}
