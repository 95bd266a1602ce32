package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callstate.projection.CallFold.Folded;
import io.switchboard.callstate.projection.CallFold.Rejection;
import io.switchboard.schemas.avro.CallOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SettledRejectionsTest {

  private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

  private final Facts facts = new Facts("call-1");
  private final CallFold fold = new CallFold();
  private final List<CallFact> log = new ArrayList<>();

  @Test
  void anAnswerReadBeforeItsOfferIsNotReported() {
    // given an answered call whose offer (from routing.decisions) is not read yet
    Set<UUID> batch = read(facts.created(T0), facts.queued(T0.plusMillis(10)),
        facts.routingQueued(T0.plusMillis(20), 100), facts.answered(T0.plusSeconds(2), "a1"));

    // then the fold refuses the answer for now, and nothing is reported
    Folded folded = fold();
    assertThat(folded.rejections()).hasSize(1);
    assertThat(SettledRejections.of(folded, log, batch)).isEmpty();

    // and once the offer is read, the answer applies
    assertThat(fold(facts.offered(T0.plusSeconds(1), "a1")).rejections()).isEmpty();
  }

  @Test
  void aRefusalStillStandingWhenTheCallEndsIsReportedOnce() {
    // given an answer whose offer never comes, then the call's end in a later batch
    read(facts.created(T0), facts.queued(T0.plusMillis(10)), facts.routingQueued(T0.plusMillis(20), 100),
        facts.answered(T0.plusSeconds(2), "a1"));
    Set<UUID> endBatch = read(facts.ended(T0.plusSeconds(60), CallOutcome.ABANDONED));

    // then the refusal is reported in the batch where the call ends
    Folded ended = fold();
    assertThat(SettledRejections.of(ended, log, endBatch)).extracting(Rejection::type).containsExactly("CallAnswered");

    // and not again when a late event of the ended call is read: that one is
    Set<UUID> later = read(facts.held(T0.plusSeconds(61)));
    Folded afterEnd = fold();
    assertThat(SettledRejections.of(afterEnd, log, later)).extracting(Rejection::type).containsExactly("CallHeld");
  }

  @Test
  void aSecondEndDoesNotReportTheEarlierRefusalsAgain() {
    read(facts.created(T0), facts.queued(T0.plusMillis(10)), facts.routingQueued(T0.plusMillis(20), 100),
        facts.answered(T0.plusSeconds(2), "a1"), facts.ended(T0.plusSeconds(60), CallOutcome.ABANDONED));
    Set<UUID> secondEnd = read(facts.ended(T0.plusSeconds(61), CallOutcome.ENDED));

    assertThat(SettledRejections.of(fold(), log, secondEnd)).extracting(Rejection::type)
        .containsExactly("CallEnded");
  }

  private Set<UUID> read(CallFact... batch) {
    log.addAll(List.of(batch));
    return List.of(batch).stream().map(CallFact::eventId).collect(Collectors.toSet());
  }

  private Folded fold(CallFact... more) {
    read(more);
    return fold.fold(Facts.TENANT, "call-1", log);
  }
}
