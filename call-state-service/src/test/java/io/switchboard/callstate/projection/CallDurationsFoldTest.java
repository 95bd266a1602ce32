package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.TransferTargetType;
import io.switchboard.schemas.call.CallState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Ringing, holds and transfers as folded by {@link CallFold}. */
class CallDurationsFoldTest {

  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  private final Facts facts = new Facts("call-1");
  private final CallFold fold = new CallFold();

  @Test
  void sumsEveryHoldAndCountsHoldsAndTransfers() {
    List<CallFact> events = List.of(
        facts.created(T0), facts.queued(T0.plusMillis(100)), facts.offered(T0.plusMillis(400), "a1"),
        facts.ringing(T0.plusMillis(450), "a1"), facts.answered(T0.plusMillis(1_000), "a1"),
        facts.held(T0.plusMillis(2_000)), facts.resumed(T0.plusMillis(2_700)),
        facts.held(T0.plusMillis(5_000)), facts.resumed(T0.plusMillis(5_050)),
        facts.transferred(T0.plusMillis(6_000), TransferTargetType.AGENT, "a2"),
        facts.ended(T0.plusMillis(9_000), CallOutcome.ENDED));

    CallRow row = fold.fold(Facts.TENANT, "call-1", events).row();

    assertThat(row.ringingAt()).isEqualTo(T0.plusMillis(400));
    assertThat(row.heldAt()).isEqualTo(T0.plusMillis(2_000));
    assertThat(row.holdCount()).isEqualTo(2);
    assertThat(row.holdMs()).isEqualTo(700 + 50);
    assertThat(row.transferCount()).isEqualTo(1);
    assertThat(row.waitMs()).isEqualTo(900);
    assertThat(row.talkMs()).isEqualTo(8_000);
    assertThat(row.state()).isEqualTo(CallState.ENDED);
  }

  @Test
  void aCallEndedOnHoldCountsTheHoldUntilTheEndAndAnOpenHoldCountsNothingYet() {
    List<CallFact> held = new ArrayList<>(List.of(facts.created(T0), facts.answered(T0.plusMillis(100), "a1"),
        facts.held(T0.plusMillis(1_000))));

    CallRow stillHeld = fold.fold(Facts.TENANT, "call-1", held).row();
    held.add(facts.ended(T0.plusMillis(4_000), CallOutcome.ENDED));
    CallRow ended = fold.fold(Facts.TENANT, "call-1", held).row();

    assertThat(stillHeld.state()).isEqualTo(CallState.ON_HOLD);
    assertThat(stillHeld.holdCount()).isEqualTo(1);
    assertThat(stillHeld.holdMs()).isZero();
    assertThat(ended.holdMs()).isEqualTo(3_000);
  }

  @Test
  void aRepeatedHoldIsOneHold() {
    CallRow row = fold.fold(Facts.TENANT, "call-1", List.of(facts.created(T0), facts.answered(T0.plusMillis(100),
        "a1"), facts.held(T0.plusMillis(200)), facts.held(T0.plusMillis(300)), facts.resumed(T0.plusMillis(500))))
        .row();

    assertThat(row.holdCount()).isEqualTo(1);
    assertThat(row.heldAt()).isEqualTo(T0.plusMillis(200));
    assertThat(row.holdMs()).isEqualTo(300);
  }

  @Test
  void holdFiguresDoNotDependOnArrivalOrder() {
    List<CallFact> events = new ArrayList<>(List.of(facts.created(T0), facts.answered(T0.plusMillis(100), "a1"),
        facts.held(T0.plusMillis(200)), facts.resumed(T0.plusMillis(260)), facts.held(T0.plusMillis(400)),
        facts.resumed(T0.plusMillis(410)), facts.transferred(T0.plusMillis(500), TransferTargetType.EXTERNAL, "+1")));
    CallRow inOrder = fold.fold(Facts.TENANT, "call-1", events).row();

    Collections.shuffle(events, new Random(11));

    assertThat(fold.fold(Facts.TENANT, "call-1", events).row()).isEqualTo(inOrder);
    assertThat(inOrder.holdMs()).isEqualTo(70);
    assertThat(inOrder.transferCount()).isEqualTo(1);
    assertThat(inOrder.state()).isEqualTo(CallState.TRANSFERRED);
  }

  @Test
  void aCallNeverHeldHasNoHold() {
    CallRow row = fold.fold(Facts.TENANT, "call-1", List.of(facts.created(T0), facts.queued(T0.plusMillis(10))))
        .row();

    assertThat(row.heldAt()).isNull();
    assertThat(row.holdCount()).isZero();
    assertThat(row.holdMs()).isZero();
    assertThat(row.ringingAt()).isNull();
    assertThat(row.transferCount()).isZero();
  }
}
