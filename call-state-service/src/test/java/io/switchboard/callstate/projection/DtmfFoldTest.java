package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.DtmfMethod;
import io.switchboard.schemas.call.CallState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Key presses ({@code DtmfReceived}) in a call's log: the fold counts them as events of the call and
 * nothing else (no state, no figure), and the batch picks them out for {@code call_key_presses}.
 */
class DtmfFoldTest {

  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  private final Facts facts = new Facts("call-1");
  private final CallFold fold = new CallFold();

  /** Created, queued, offered, answered after 1 s, held 2 s, resumed, ended after 30 s. */
  private List<CallFact> answeredHeldAndEnded() {
    return new ArrayList<>(List.of(
        facts.created(T0), facts.queued(T0.plusMillis(100)), facts.offered(T0.plusMillis(200), "a1"),
        facts.answered(T0.plusMillis(1_000), "a1"), facts.held(T0.plusMillis(5_000)),
        facts.resumed(T0.plusMillis(7_000)), facts.ended(T0.plusMillis(31_000), CallOutcome.ENDED)));
  }

  @Test
  void keyPressesChangeNoStateAndNoFigureOfTheCall() {
    // given the call folded without key presses
    CallRow without = fold.fold(Facts.TENANT, "call-1", answeredHeldAndEnded()).row();

    // when key presses come while ringing, connected, on hold, in the millisecond of the end and after it
    List<CallFact> events = answeredHeldAndEnded();
    CallFact last = facts.keyPressed(T0.plusMillis(32_000), "a1", "#", DtmfMethod.SIP_INFO);
    events.add(facts.keyPressed(T0.plusMillis(500), "customer", "1", DtmfMethod.RFC4733));
    events.add(facts.keyPressed(T0.plusMillis(3_000), "customer", "2", DtmfMethod.RFC4733));
    events.add(facts.keyPressed(T0.plusMillis(6_000), "a1", "*", DtmfMethod.SIP_INFO));
    events.add(facts.keyPressed(T0.plusMillis(31_000), "customer", "9", DtmfMethod.RFC4733));
    events.add(last);
    CallFold.Folded folded = fold.fold(Facts.TENANT, "call-1", events);

    // then nothing is refused, they count as events, and every other column is as without them
    CallRow with = folded.row();
    assertThat(folded.rejections()).isEmpty();
    assertThat(with.state()).isEqualTo(CallState.ENDED);
    assertThat(with.eventCount()).isEqualTo(without.eventCount() + 5);
    assertThat(with.lastEventId()).isEqualTo(last.eventId());
    assertThat(with.lastEventAt()).isEqualTo(last.occurredAt());
    assertThat(with).usingRecursiveComparison().ignoringFields("eventCount", "lastEventId", "lastEventAt")
        .isEqualTo(without);
    assertThat(with.waitMs()).isEqualTo(900L);
    assertThat(with.talkMs()).isEqualTo(30_000L);
    assertThat(with.holdMs()).isEqualTo(2_000L);
  }

  @Test
  void aKeyPressReadBeforeItsCallsCreationMovesNoState() {
    CallFold.Folded folded = fold.fold(Facts.TENANT, "call-1",
        List.of(facts.keyPressed(T0, "customer", "5", DtmfMethod.RFC4733)));

    assertThat(folded.rejections()).isEmpty();
    // As for any first event that is not CallCreated: taken as created just before, not moved on from there.
    assertThat(folded.row().state()).isEqualTo(CallState.INITIATING);
    assertThat(folded.row().stateChangedAt()).isNull();
    assertThat(folded.row().createdAt()).isNull();
    assertThat(folded.row().eventCount()).isOne();
  }

  @Test
  void theBatchTakesOnlyKeyPressesForTheirTable() {
    CallFact press = facts.keyPressed(T0.plusMillis(3_000), "customer", "7", DtmfMethod.RFC4733);
    List<LoggedEvent> newEvents = new ArrayList<>();
    answeredHeldAndEnded().forEach(fact -> newEvents.add(new LoggedEvent(fact, "{}", new byte[0])));
    newEvents.add(2, new LoggedEvent(press, "{}", new byte[0]));

    assertThat(KeyPressStore.keyPresses(newEvents)).containsExactly(press);
  }
}
