package io.switchboard.routing.crash;

import io.switchboard.schemas.avro.OfferRescinded;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.ReservationRejected;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingAbandoned;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingQueued;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a run's routing decisions, as committed on {@code routing.decisions}, against what
 * exactly-once routing promises for calls that each visit one queue (no transfers, no ring-all):
 * every call is queued once and reaches an outcome, is never offered to two agents at once, no
 * offer is closed twice or accepted twice, and no decision is written twice. Agent capacity is
 * checked by {@link AgentCapacity}. Returns violations as readable lines; empty means the history
 * is sound.
 */
final class OfferInvariants {

  private OfferInvariants() {}

  /**
   * @param created the calls the run queued
   * @param decisions the run's decisions; each call's in topic order (one partition per call)
   * @param ends the first {@code CallEnded} of each call that ended, from {@code call.events}
   */
  static List<String> violations(Collection<String> created, List<RoutingDecision> decisions,
      Map<String, CallEnd> ends) {
    List<String> violations = new ArrayList<>();
    Set<String> eventIds = new HashSet<>();
    Map<String, List<RoutingDecision>> byCall = new LinkedHashMap<>();
    for (RoutingDecision decision : decisions) {
      if (!eventIds.add(decision.getEventId().toString())) {
        violations.add("decision " + decision.getEventId() + " written twice: " + describe(decision));
      }
      byCall.computeIfAbsent(decision.getCallId(), id -> new ArrayList<>()).add(decision);
    }
    for (String callId : created) {
      callHistory(callId, byCall.getOrDefault(callId, List.of()), ends.get(callId), violations);
    }
    return violations;
  }

  private static void callHistory(String callId, List<RoutingDecision> history, CallEnd end, List<String> violations) {
    Map<String, String> open = new LinkedHashMap<>(); // reservation id -> agent
    Set<String> reservations = new HashSet<>();
    int queued = 0;
    int accepted = 0;
    boolean abandoned = false;
    for (RoutingDecision decision : history) {
      Object payload = decision.getPayload();
      if (payload instanceof RoutingQueued) {
        queued++;
      } else if (payload instanceof RoutingOffered offered) {
        String reservation = offered.getReservationId().toString();
        if (!open.isEmpty()) {
          violations.add("call " + callId + " offered to " + offered.getAgentId() + " while its offer to "
              + open.values() + " is open (" + decision.getOccurredAt() + ")");
        }
        if (!reservations.add(reservation)) {
          violations.add("call " + callId + ": reservation " + reservation + " offered twice");
        }
        open.put(reservation, offered.getAgentId());
      } else if (payload instanceof RoutingAbandoned) {
        abandoned = true;
        if (end == null || !end.callerHungUp()) {
          violations.add("call " + callId + " abandoned but its caller never hung up");
        }
      } else {
        String[] closed = closedOffer(payload);
        if (closed != null && !closed[1].equals(open.remove(closed[0]))) {
          violations.add("call " + callId + ": " + describe(decision) + " closes no open offer of "
              + closed[1] + " (duplicate, or never offered)");
        } else if (payload instanceof ReservationAccepted) {
          accepted++;
        }
      }
    }
    if (queued != 1) {
      violations.add("call " + callId + " queued " + queued + " times (expected once)");
    }
    if (accepted > 1) {
      violations.add("call " + callId + " accepted " + accepted + " times");
    }
    if (!open.isEmpty()) {
      violations.add("call " + callId + " left with open offers to " + open.values());
    }
    boolean hungUp = end != null && end.callerHungUp();
    if (accepted == 0 && !abandoned && !hungUp) {
      violations.add("call " + callId + " lost: never accepted, abandoned or hung up ("
          + history.size() + " decisions)");
    }
  }

  /** {reservation id, agent} of a decision that closes an offer, or null. */
  static String[] closedOffer(Object payload) {
    if (payload instanceof ReservationAccepted p) {
      return new String[] {p.getReservationId().toString(), p.getAgentId()};
    } else if (payload instanceof ReservationRejected p) {
      return new String[] {p.getReservationId().toString(), p.getAgentId()};
    } else if (payload instanceof ReservationTimedOut p) {
      return new String[] {p.getReservationId().toString(), p.getAgentId()};
    } else if (payload instanceof OfferRescinded p) {
      return new String[] {p.getReservationId().toString(), p.getAgentId()};
    }
    return null;
  }

  static String describe(RoutingDecision decision) {
    return decision.getPayload().getClass().getSimpleName() + "(" + decision.getPayload() + ") of call "
        + decision.getCallId() + " at " + decision.getOccurredAt();
  }

  /** How a call ended on {@code call.events}: when, and whether the caller hung up (ABANDONED). */
  record CallEnd(Instant at, boolean callerHungUp) {}
}
