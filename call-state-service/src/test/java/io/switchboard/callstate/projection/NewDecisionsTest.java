package io.switchboard.callstate.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NewDecisionsTest {

  private static final Instant AT = Instant.parse("2026-11-22T09:00:00Z");

  @Test
  void keepsTheDecisionsWhoseEventIsNewOnceEach() {
    Facts call = new Facts("call-1");
    CallFact queued = call.routingQueued(AT, 1);
    CallFact offered = call.offered(AT.plusSeconds(1), "alice");
    DecisionRow queuedRow = row(queued.eventId());
    DecisionRow offeredRow = row(offered.eventId());

    // offered was logged before (not among the new events); queued arrives twice in the batch.
    List<DecisionRow> fresh = BatchWriter.newDecisions(List.of(queuedRow, offeredRow, queuedRow),
        List.of(new LoggedEvent(queued, "{}", new byte[0])));

    assertThat(fresh).containsExactly(queuedRow);
    assertThat(BatchWriter.newDecisions(List.of(), List.of(new LoggedEvent(queued, "{}", new byte[0])))).isEmpty();
  }

  private static DecisionRow row(UUID eventId) {
    return new DecisionRow(eventId, Facts.TENANT, "call-1", "sales", "RoutingQueued", null, null, 1, 1, null, null,
        null, null, AT);
  }
}
