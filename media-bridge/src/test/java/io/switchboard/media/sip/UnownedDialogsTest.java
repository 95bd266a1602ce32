package io.switchboard.media.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnownedDialogsTest {

  /** A stand-in for a JAIN-SIP dialog, equal only to itself. */
  private static final class FakeDialog {
    private final String callId;

    FakeDialog(String callId) {
      this.callId = callId;
    }

    String callId() {
      return callId;
    }
  }

  private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
  private final UnownedDialogs<FakeDialog> audit = new UnownedDialogs<>(FakeDialog::callId, Duration.ofMinutes(2));

  @Test
  void aDialogNoCallOwnsIsEndedOnceItHasBeenUnownedForTheBound() {
    FakeDialog stray = new FakeDialog("stray@10.0.0.1");

    assertThat(audit.leaked(List.of(stray), Set.of(), T0)).isEmpty();
    assertThat(audit.suspects()).isEqualTo(1);
    assertThat(audit.leaked(List.of(stray), Set.of(), T0.plusSeconds(119))).isEmpty();
    assertThat(audit.leaked(List.of(stray), Set.of(), T0.plusSeconds(120))).containsExactly(stray);
    assertThat(audit.suspects()).as("an ended dialog is forgotten").isZero();
  }

  @Test
  void dialogsOfTheBridgesCallsAreNeverEndedHoweverOld() {
    FakeDialog customer = new FakeDialog("customer@10.0.0.1");
    FakeDialog agent = new FakeDialog("agent@10.0.0.2");
    Set<String> calls = Set.of("customer@10.0.0.1", "agent@10.0.0.2");

    for (int minute = 0; minute <= 120; minute += 30) {
      assertThat(audit.leaked(List.of(customer, agent), calls, T0.plus(Duration.ofMinutes(minute)))).isEmpty();
    }
    assertThat(audit.suspects()).isZero();
  }

  @Test
  void aDialogOwnedAgainStartsOverWhenItIsNextUnowned() {
    FakeDialog dialog = new FakeDialog("call@10.0.0.1");
    audit.leaked(List.of(dialog), Set.of(), T0);
    audit.leaked(List.of(dialog), Set.of("call@10.0.0.1"), T0.plusSeconds(60));

    assertThat(audit.leaked(List.of(dialog), Set.of(), T0.plusSeconds(150))).as("timed afresh from 150 s").isEmpty();
    assertThat(audit.leaked(List.of(dialog), Set.of(), T0.plusSeconds(270))).containsExactly(dialog);
  }

  @Test
  void aDialogGoneFromTheStackIsForgotten() {
    FakeDialog gone = new FakeDialog("gone@10.0.0.1");
    audit.leaked(List.of(gone), Set.of(), T0);

    assertThat(audit.leaked(List.of(), Set.of(), T0.plusSeconds(60))).isEmpty();
    assertThat(audit.suspects()).isZero();
  }

  @Test
  void twoDialogsOfOneCallIdAreTimedApart() {
    // A retried INVITE's dialog must not inherit the first one's age.
    FakeDialog first = new FakeDialog("same@10.0.0.1");
    FakeDialog second = new FakeDialog("same@10.0.0.1");
    audit.leaked(List.of(first), Set.of(), T0);

    assertThat(audit.leaked(List.of(first, second), Set.of(), T0.plusSeconds(120))).containsExactly(first);
    assertThat(audit.suspects()).isEqualTo(1);
  }

  @Test
  void aDialogWithoutACallIdIsUnowned() {
    FakeDialog broken = new FakeDialog(null);
    audit.leaked(List.of(broken), Set.of(), T0);

    assertThat(audit.leaked(List.of(broken), Set.of(), T0.plusSeconds(120))).containsExactly(broken);
  }

  @Test
  void aBoundOfNothingIsRefused() {
    assertThatThrownBy(() -> new UnownedDialogs<>(FakeDialog::callId, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
