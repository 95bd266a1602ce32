package io.switchboard.routing.crash;

import io.switchboard.routing.crash.OfferInvariants.CallEnd;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays a run's offers, accepts and ends per agent and reports every offer made to an agent that
 * already had an open offer or a call (capacity 1). Decisions of different calls are on different
 * partitions, so they are put in time order by {@code occurredAt}, the engine's wall clock; a call's
 * end counts from the {@code occurredAt} of its {@code CallEnded}, stamped by the sender before the
 * engine could read it, so an end is never counted later than the engine saw it. At equal times,
 * ends and closed offers go before new offers: an offer in the same millisecond as the end that
 * freed the agent is not flagged (the one ordering this check cannot see). Offers are tracked by
 * reservation id, so a close that sorts before its own offer (same millisecond) cancels that offer
 * instead of leaving it open for ever.
 */
final class AgentCapacity {

  private AgentCapacity() {}

  static List<String> violations(List<RoutingDecision> decisions, Map<String, CallEnd> ends) {
    List<Step> steps = new ArrayList<>();
    for (RoutingDecision decision : decisions) {
      Object payload = decision.getPayload();
      Instant at = decision.getOccurredAt();
      if (payload instanceof RoutingOffered offered) {
        steps.add(new Step(at, 3, Kind.OFFER, decision.getCallId(), offered.getAgentId(),
            offered.getReservationId()));
      } else if (payload instanceof ReservationAccepted accepted) {
        steps.add(new Step(at, 2, Kind.ACCEPT, decision.getCallId(), accepted.getAgentId(),
            accepted.getReservationId()));
      } else {
        String[] closed = OfferInvariants.closedOffer(payload);
        if (closed != null) {
          steps.add(new Step(at, 1, Kind.CLOSE, decision.getCallId(), closed[1], closed[0]));
        }
      }
    }
    ends.forEach((callId, end) -> steps.add(new Step(end.at(), 0, Kind.END, callId, null, null)));
    steps.sort(Comparator.comparing(Step::at).thenComparingInt(Step::rank)); // stable: topic order kept

    List<String> violations = new ArrayList<>();
    Map<String, Map<String, String>> load = new HashMap<>(); // agent -> open offers and held calls
    Map<String, String> heldBy = new HashMap<>(); // call -> agent holding it
    Set<String> closedBeforeOffer = new HashSet<>(); // reservations closed before their offer sorted in
    for (Step step : steps) {
      switch (step.kind()) {
        case OFFER -> {
          if (closedBeforeOffer.remove(step.reservationId())) {
            continue;
          }
          Map<String, String> agentLoad = load.computeIfAbsent(step.agentId(), a -> new LinkedHashMap<>());
          if (!agentLoad.isEmpty()) {
            violations.add("agent " + step.agentId() + " over capacity 1: offered call " + step.callId()
                + " at " + step.at() + " while it had " + agentLoad.values());
          }
          agentLoad.put("offer:" + step.reservationId(), step.callId());
        }
        case ACCEPT -> {
          Map<String, String> agentLoad = load.computeIfAbsent(step.agentId(), a -> new LinkedHashMap<>());
          if (agentLoad.remove("offer:" + step.reservationId()) == null) {
            closedBeforeOffer.add(step.reservationId());
          }
          CallEnd end = ends.get(step.callId());
          // A caller who hung up before the answer was processed frees the agent on that end.
          if (end == null || end.at().isAfter(step.at())) {
            agentLoad.put("call:" + step.callId(), step.callId());
            heldBy.put(step.callId(), step.agentId());
          }
        }
        case CLOSE -> {
          Map<String, String> agentLoad = load.computeIfAbsent(step.agentId(), a -> new LinkedHashMap<>());
          if (agentLoad.remove("offer:" + step.reservationId()) == null) {
            closedBeforeOffer.add(step.reservationId());
          }
        }
        case END -> {
          String agent = heldBy.remove(step.callId());
          if (agent != null) {
            load.get(agent).remove("call:" + step.callId());
          }
        }
        default -> throw new IllegalStateException(step.kind().name());
      }
    }
    return violations;
  }

  private enum Kind { OFFER, ACCEPT, CLOSE, END }

  private record Step(Instant at, int rank, Kind kind, String callId, String agentId, String reservationId) {}
}
