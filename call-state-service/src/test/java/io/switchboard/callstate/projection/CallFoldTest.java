package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callstate.projection.CallFold.Folded;
import io.switchboard.callstate.projection.CallFold.Rejection;
import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.call.CallState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CallFoldTest {

  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  private final Facts facts = new Facts("call-1");
  private final CallFold fold = new CallFold();

  @Test
  void foldsAFullLifecycleWithItsDurations() {
    List<CallFact> lifecycle = List.of(
        facts.created(T0),
        facts.queued(T0.plusMillis(100)),
        facts.routingQueued(T0.plusMillis(150), 175),
        facts.offered(T0.plusMillis(900), "a1"),
        facts.answered(T0.plusMillis(1300), "a1"),
        facts.accepted(T0.plusMillis(1350), "a1"),
        facts.ended(T0.plusMillis(65_400), CallOutcome.ENDED));

    Folded folded = fold.fold(Facts.TENANT, "call-1", lifecycle);

    CallRow row = folded.row();
    assertThat(folded.rejections()).isEmpty();
    assertThat(row.state()).isEqualTo(CallState.ENDED);
    assertThat(row.outcome()).isEqualTo("ENDED");
    assertThat(row.queue()).isEqualTo("sales");
    assertThat(row.agentId()).isEqualTo("a1");
    assertThat(row.customerId()).isEqualTo("c-42");
    assertThat(row.direction()).isEqualTo("INBOUND");
    assertThat(row.channel()).isEqualTo("WEBRTC");
    assertThat(row.priority()).isEqualTo(175);
    assertThat(row.attributes()).isEqualTo(Map.of("vip", "true"));
    assertThat(row.tags()).containsExactly("urgent");
    assertThat(row.createdAt()).isEqualTo(T0);
    assertThat(row.queuedAt()).isEqualTo(T0.plusMillis(100));
    assertThat(row.offeredAt()).isEqualTo(T0.plusMillis(900));
    assertThat(row.answeredAt()).isEqualTo(T0.plusMillis(1300));
    assertThat(row.endedAt()).isEqualTo(T0.plusMillis(65_400));
    assertThat(row.endReason()).isEqualTo("hung up");
    assertThat(row.waitMs()).isEqualTo(1200);
    assertThat(row.talkMs()).isEqualTo(64_100);
    assertThat(row.durationMs()).isEqualTo(65_400);
    assertThat(row.eventCount()).isEqualTo(7);
  }

  @Test
  void givesTheSameRowWhateverOrderTheEventsArriveIn() {
    List<CallFact> lifecycle = new ArrayList<>(List.of(
        facts.created(T0), facts.queued(T0.plusMillis(10)), facts.routingQueued(T0.plusMillis(10), 100),
        facts.offered(T0.plusMillis(20), "a1"), facts.answered(T0.plusMillis(30), "a1"),
        facts.accepted(T0.plusMillis(30), "a1"), facts.ended(T0.plusMillis(90), CallOutcome.ENDED)));
    CallRow inOrder = fold.fold(Facts.TENANT, "call-1", lifecycle).row();

    Collections.shuffle(lifecycle, new Random(7));
    Collections.reverse(lifecycle);
    Folded shuffled = fold.fold(Facts.TENANT, "call-1", lifecycle);

    assertThat(shuffled.rejections()).isEmpty();
    assertThat(shuffled.row()).isEqualTo(inOrder);
  }

  @Test
  void aDecisionSeenBeforeCallCreatedCreatesTheRowAndCreationFillsItLater() {
    CallFact routingQueued = facts.routingQueued(T0.plusMillis(50), 140);
    CallFact created = facts.created(T0);

    Folded early = fold.fold(Facts.TENANT, "call-1", List.of(routingQueued));
    Folded complete = fold.fold(Facts.TENANT, "call-1", List.of(routingQueued, created));

    assertThat(early.row().state()).isEqualTo(CallState.QUEUED);
    assertThat(early.row().priority()).isEqualTo(140);
    assertThat(early.row().createdAt()).isNull();
    assertThat(early.row().queue()).isEqualTo("sales");
    assertThat(complete.rejections()).isEmpty();
    assertThat(complete.row().state()).isEqualTo(CallState.QUEUED);
    assertThat(complete.row().createdAt()).isEqualTo(T0);
    assertThat(complete.row().customerId()).isEqualTo("c-42");
    assertThat(complete.row().priority()).isEqualTo(140);
  }

  @Test
  void anOlderEventDoesNotOverrideANewerState() {
    CallFact answered = facts.answered(T0.plusMillis(300), "a1");
    CallFact lateOffer = facts.offered(T0.plusMillis(200), "a1");

    Folded folded = fold.fold(Facts.TENANT, "call-1",
        List.of(facts.created(T0), facts.queued(T0.plusMillis(100)), answered, lateOffer));

    assertThat(folded.rejections()).isEmpty();
    assertThat(folded.row().state()).isEqualTo(CallState.CONNECTED);
    assertThat(folded.row().offeredAt()).isEqualTo(T0.plusMillis(200));
  }

  @Test
  void eventsOfTheSameMillisecondFollowTheLifecycle() {
    Instant same = T0.plusMillis(500);
    List<CallFact> events = List.of(facts.ended(same, CallOutcome.ENDED), facts.answered(same, "a1"),
        facts.offered(same, "a1"), facts.queued(same), facts.created(same));

    Folded folded = fold.fold(Facts.TENANT, "call-1", events);

    assertThat(folded.rejections()).isEmpty();
    assertThat(folded.row().state()).isEqualTo(CallState.ENDED);
    assertThat(folded.row().agentId()).isEqualTo("a1");
    assertThat(folded.row().durationMs()).isZero();
  }

  @Test
  void anIllegalTransitionIsReportedAndNotApplied() {
    CallFact endedWhileQueued = facts.ended(T0.plusMillis(500), CallOutcome.ENDED);

    Folded folded = fold.fold(Facts.TENANT, "call-1",
        List.of(facts.created(T0), facts.queued(T0.plusMillis(100)), endedWhileQueued));

    assertThat(folded.row().state()).isEqualTo(CallState.QUEUED);
    assertThat(folded.row().endedAt()).isNull();
    assertThat(folded.row().outcome()).isNull();
    assertThat(folded.row().eventCount()).isEqualTo(2);
    assertThat(folded.rejections()).containsExactly(new Rejection(Facts.TENANT, "call-1",
        endedWhileQueued.eventId(), "CallEnded", CallState.QUEUED, CallState.ENDED));
  }

  @Test
  void aDuplicateEventIsFoldedOnce() {
    CallFact offered = facts.offered(T0.plusMillis(200), "a1");
    CallFact timedOut = facts.timedOut(T0.plusMillis(400), "a1");
    List<CallFact> once = List.of(facts.created(T0), facts.queued(T0.plusMillis(100)), offered, timedOut);
    List<CallFact> twice = new ArrayList<>(once);
    twice.add(offered);
    twice.add(timedOut);

    Folded folded = fold.fold(Facts.TENANT, "call-1", twice);

    assertThat(folded.rejections()).isEmpty();
    assertThat(folded.row()).isEqualTo(fold.fold(Facts.TENANT, "call-1", once).row());
    assertThat(folded.row().eventCount()).isEqualTo(4);
    assertThat(folded.row().state()).isEqualTo(CallState.QUEUED);
    assertThat(folded.row().agentId()).isNull();
  }

  @Test
  void anUnansweredCallWaitsUntilItEnds() {
    Folded folded = fold.fold(Facts.TENANT, "call-1", List.of(facts.created(T0), facts.queued(T0.plusMillis(100)),
        facts.ended(T0.plusMillis(5100), CallOutcome.ABANDONED)));

    assertThat(folded.row().state()).isEqualTo(CallState.ABANDONED);
    assertThat(folded.row().waitMs()).isEqualTo(5000);
    assertThat(folded.row().talkMs()).isNull();
    assertThat(folded.row().durationMs()).isEqualTo(5100);
  }
}
