package io.switchboard.routing.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.crash.OfferInvariants.CallEnd;
import io.switchboard.schemas.avro.QueueStats;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.ReservationRejected;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingAbandoned;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The crash test's checkers flag the histories exactly-once routing must never write. */
class OfferInvariantsTest {

  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  private final List<RoutingDecision> decisions = new ArrayList<>();

  @Test
  void aSoundHistoryHasNoViolations() {
    // given c1 offered to a1, timed out, offered to a2, accepted and ended; c2 then offered to a1 and accepted
    String r1 = offer("c1", "a1", 1);
    decide("c1", 2, new ReservationTimedOut("a1", r1));
    accept("c1", "a2", offer("c1", "a2", 3), 4);
    accept("c2", "a1", offer("c2", "a1", 5), 6);
    queued("c3", 7);
    decide("c3", 9, new RoutingAbandoned(2000L));
    Map<String, CallEnd> ends = Map.of("c1", end(10, false), "c2", end(11, false), "c3", end(8, true));

    // when / then
    assertThat(OfferInvariants.violations(List.of("c1", "c2", "c3"), decisions, ends)).isEmpty();
    assertThat(AgentCapacity.violations(decisions, ends)).isEmpty();
  }

  @Test
  void flagsACallOfferedToTwoAgentsAtOnce() {
    // given c1 offered to a1 and, before that offer closed, to a2
    String r1 = offer("c1", "a1", 1);
    accept("c1", "a2", offer("c1", "a2", 2), 3);
    decide("c1", 4, new ReservationTimedOut("a1", r1));

    // when
    List<String> violations = OfferInvariants.violations(List.of("c1"), decisions, Map.of());

    // then
    assertThat(violations).singleElement().asString().contains("c1 offered to a2 while its offer to [a1] is open");
  }

  @Test
  void flagsADuplicateAcceptanceAndADecisionWrittenTwice() {
    // given the accept of c1 written twice, once as the very same record
    accept("c1", "a1", offer("c1", "a1", 1), 2);
    decisions.add(decisions.get(decisions.size() - 1));

    // when
    List<String> violations = OfferInvariants.violations(List.of("c1"), decisions, Map.of("c1", end(5, false)));

    // then
    assertThat(violations).hasSize(2);
    assertThat(violations.get(0)).contains("written twice");
    assertThat(violations.get(1)).contains("closes no open offer");
  }

  @Test
  void flagsALostCallAndAnOfferLeftOpen() {
    // given c1 queued and offered but never answered, c2 never queued, nobody hung up
    offer("c1", "a1", 1);

    // when
    List<String> violations = OfferInvariants.violations(List.of("c1", "c2"), decisions, Map.of());

    // then
    assertThat(violations).anyMatch(v -> v.contains("c1 lost")).anyMatch(v -> v.contains("c1 left with open offers"))
        .anyMatch(v -> v.contains("c2 queued 0 times"));
  }

  @Test
  void flagsAnAgentOfferedASecondCallBeforeItsCallEnded() {
    // given a1 holds c1 until 10; c2 offered to it at 8, c3 at 12
    accept("c1", "a1", offer("c1", "a1", 1), 2);
    accept("c2", "a1", offer("c2", "a1", 8), 9);

    // when
    List<String> violations = AgentCapacity.violations(decisions, Map.of("c1", end(10, false), "c2", end(11, false)));

    // then
    assertThat(violations).singleElement().asString().contains("agent a1 over capacity 1: offered call c2");
  }

  @Test
  void flagsStatisticsThatDoNotMatchTheDecisions() {
    // given two calls entered and one answered, and a snapshot that counted one answer too many
    accept("c1", "a1", offer("c1", "a1", 1), 2);
    queued("c2", 3);
    decide("c2", 4, new ReservationAccepted("a2", offer("c2", "a2", 4)));
    QueueStats right = stats(2, 2);
    QueueStats wrong = stats(2, 3);

    // when / then
    assertThat(StatsRecount.mismatches(decisions, Map.of("t/q", right))).isEmpty();
    assertThat(StatsRecount.mismatches(decisions, Map.of("t/q", wrong))).singleElement().asString()
        .contains("offered/answered/abandoned/waiting 2/3/0/0, the decisions say 2/2/0/0");
  }

  @Test
  void anOfferClosedInTheSameMillisecondDoesNotHoldTheAgent() {
    // given a replay after a takeover: c1's caller hung up while no instance routed the tenant, so
    // c1 is queued, offered to a1 and rescinded in one millisecond, and a1 is offered c2 at once
    String r1 = offer("c1", "a1", 5);
    decide("c1", 5, new ReservationRejected("a1", r1));
    accept("c2", "a1", offer("c2", "a1", 5), 6);
    Map<String, CallEnd> ends = Map.of("c1", end(3, true), "c2", end(9, false));

    // when / then: nothing flagged, and a1 is free again once c2 ended
    assertThat(AgentCapacity.violations(decisions, ends)).isEmpty();
    accept("c3", "a1", offer("c3", "a1", 10), 11);
    assertThat(AgentCapacity.violations(decisions, ends)).isEmpty();
  }

  @Test
  void twoOpenOffersInTheSameMillisecondAreStillFlagged() {
    // given a1 offered c1 and c2 in one millisecond, neither closed
    offer("c1", "a1", 5);
    offer("c2", "a1", 5);

    // when / then
    assertThat(AgentCapacity.violations(decisions, Map.of())).singleElement().asString()
        .contains("agent a1 over capacity 1: offered call c2");
  }

  private String offer(String callId, String agentId, int second) {
    if (decisions.stream().noneMatch(d -> d.getCallId().equals(callId))) {
      queued(callId, second);
    }
    String reservation = UUID.randomUUID().toString();
    decide(callId, second, RoutingOffered.newBuilder().setAgentId(agentId).setReservationId(reservation)
        .setExpiresAt(T0.plusSeconds(second + 15)).build());
    return reservation;
  }

  private void accept(String callId, String agentId, String reservation, int second) {
    decide(callId, second, new ReservationAccepted(agentId, reservation));
  }

  private void queued(String callId, int second) {
    decide(callId, second, new RoutingQueued(1, 100));
  }

  private void decide(String callId, int second, Object payload) {
    decisions.add(RoutingDecision.newBuilder().setEventId(UUID.randomUUID()).setTenantId("t")
        .setOccurredAt(T0.plusSeconds(second)).setSource("test").setCallId(callId).setQueue("q")
        .setReason("test").setPayload(payload).build());
  }

  private static CallEnd end(int second, boolean hungUp) {
    return new CallEnd(T0.plusSeconds(second), hungUp);
  }

  private static QueueStats stats(int offered, int answered) {
    return QueueStats.newBuilder().setEventId(UUID.randomUUID()).setTenantId("t").setOccurredAt(T0.plusSeconds(60))
        .setSource("test").setQueue("q").setWaiting(0).setLongestWaitMs(0).setIntervalStart(T0)
        .setOffered(offered).setAnswered(answered).build();
  }
}
