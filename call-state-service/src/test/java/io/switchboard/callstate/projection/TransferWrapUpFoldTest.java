package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.CallOutcome;
import io.switchboard.schemas.avro.TransferTargetType;
import io.switchboard.schemas.call.CallState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A blind transfer back through a queue to another agent, and the wrap-up after the end, as {@link CallFold} folds them. */
class TransferWrapUpFoldTest {

  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  private final Facts facts = new Facts("call-1");
  private final CallFold fold = new CallFold();

  private List<CallFact> transferredToB1() {
    return new ArrayList<>(List.of(
        facts.created(T0), facts.queued(T0.plusMillis(100)), facts.routingQueued(T0.plusMillis(150), 100),
        facts.offered(T0.plusMillis(200), "a1"), facts.answered(T0.plusMillis(1_000), "a1"),
        facts.held(T0.plusMillis(2_000)),
        facts.transferred(T0.plusMillis(3_000), TransferTargetType.QUEUE, "billing"),
        facts.routingQueued(T0.plusMillis(3_010), 100), facts.offered(T0.plusMillis(3_020), "b1"),
        facts.answered(T0.plusMillis(4_000), "b1"), facts.ended(T0.plusMillis(9_000), CallOutcome.ENDED)));
  }

  @Test
  void aTransferredCallIsTheNewAgentsWithItsHoldAndTransferCounted() {
    CallFold.Folded folded = fold.fold(Facts.TENANT, "call-1", transferredToB1());

    CallRow row = folded.row();
    assertThat(folded.rejections()).isEmpty();
    assertThat(row.state()).isEqualTo(CallState.ENDED);
    assertThat(row.agentId()).isEqualTo("b1");
    assertThat(row.transferCount()).isEqualTo(1);
    // The hold ends when the transfer takes the call back to a queue.
    assertThat(row.holdCount()).isEqualTo(1);
    assertThat(row.holdMs()).isEqualTo(1_010);
    assertThat(row.answeredAt()).isEqualTo(T0.plusMillis(1_000));
    assertThat(row.disposition()).isNull();
  }

  @Test
  void theLastWrapUpGivesTheDispositionAndItsNotes() {
    List<CallFact> events = transferredToB1();
    events.add(facts.wrappedUp(T0.plusMillis(10_000), "b1", "follow-up", null));
    events.add(facts.wrappedUp(T0.plusMillis(12_000), "b1", "resolved", "refund sent"));

    CallFold.Folded folded = fold.fold(Facts.TENANT, "call-1", events);

    CallRow row = folded.row();
    assertThat(folded.rejections()).isEmpty();
    assertThat(row.state()).isEqualTo(CallState.ENDED);
    assertThat(row.disposition()).isEqualTo("resolved");
    assertThat(row.dispositionNotes()).isEqualTo("refund sent");
    assertThat(row.wrappedUpAt()).isEqualTo(T0.plusMillis(12_000));
    assertThat(row.wrappedUpBy()).isEqualTo("b1");
    assertThat(row.endedAt()).isEqualTo(T0.plusMillis(9_000));
  }
}
