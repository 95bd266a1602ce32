package io.switchboard.simulator;

import io.switchboard.schemas.avro.OfferRescinded;
import io.switchboard.schemas.avro.ReservationAccepted;
import io.switchboard.schemas.avro.ReservationRejected;
import io.switchboard.schemas.avro.ReservationTimedOut;
import io.switchboard.schemas.avro.RoutingDecision;
import io.switchboard.schemas.avro.RoutingOffered;
import io.switchboard.schemas.avro.RoutingRejected;
import io.switchboard.simulator.FinishedCall.Result;
import io.switchboard.simulator.SimEvent.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What simulated agents do about the engine's decisions: an offer is answered after the ring
 * delay, an accepted call is held for its handle time, and an offer that went away (declined,
 * timed out, rescinded) is forgotten. Reactions are scheduled as events, never piped from here,
 * so decisions are always handled in the order the engine wrote them.
 */
final class Reactions {

  private static final Logger log = LoggerFactory.getLogger(Reactions.class);
  /** Offers expire on the engine's reservation punctuator, which runs on whole seconds. */
  private static final long PUNCTUATION_MS = 1000;

  private final Simulation simulation;
  private final long ringDelayMs;
  private final Map<String, SimulatedCall> calls;
  private final Map<String, SimulatedAgent> agents;
  private final ToLongFunction<Instant> runTime;

  Reactions(Simulation simulation, SimulationSettings settings, Map<String, SimulatedCall> calls,
      Map<String, SimulatedAgent> agents, ToLongFunction<Instant> runTime) {
    this.simulation = simulation;
    this.ringDelayMs = settings.ringDelay().toMillis();
    this.calls = calls;
    this.agents = agents;
    this.runTime = runTime;
  }

  void react(List<RoutingDecision> decisions) {
    for (RoutingDecision decision : decisions) {
      Object payload = decision.getPayload();
      String callId = decision.getCallId();
      if (payload instanceof RoutingOffered) {
        offered(callId, (RoutingOffered) payload);
      } else if (payload instanceof ReservationAccepted) {
        ReservationAccepted accepted = (ReservationAccepted) payload;
        accepted(callId, accepted.getAgentId(), accepted.getReservationId());
      } else if (payload instanceof ReservationRejected) {
        ReservationRejected rejected = (ReservationRejected) payload;
        offerGone(callId, rejected.getAgentId(), rejected.getReservationId());
      } else if (payload instanceof ReservationTimedOut) {
        ReservationTimedOut timedOut = (ReservationTimedOut) payload;
        offerGone(callId, timedOut.getAgentId(), timedOut.getReservationId());
      } else if (payload instanceof OfferRescinded) {
        OfferRescinded rescinded = (OfferRescinded) payload;
        offerGone(callId, rescinded.getAgentId(), rescinded.getReservationId());
      } else if (payload instanceof RoutingRejected) {
        SimulatedCall call = calls.get(callId);
        if (call != null) {
          simulation.finish(call, Result.REJECTED);
        }
      }
      // Queued, abandoned, overflowed: the callers' side already knows, or nothing to do.
    }
  }

  private void offered(String callId, RoutingOffered offer) {
    SimulatedCall call = calls.get(callId);
    SimulatedAgent agent = agents.get(offer.getAgentId());
    if (call == null || agent == null) {
      try (MDC.MDCCloseable c = MDC.putCloseable("callId", callId);
          MDC.MDCCloseable a = MDC.putCloseable("agentId", offer.getAgentId())) {
        log.warn("Engine offered call {} to agent {}, which the simulation does not hold", callId,
            offer.getAgentId());
      }
      return;
    }
    call.openOffers.put(offer.getReservationId(), offer.getAgentId());
    agent.offers.add(offer.getReservationId());
    long answerAt = simulation.now() + ringDelayMs;
    simulation.schedule(answerAt, Kind.ANSWER, callId, offer.getAgentId(), offer.getReservationId());
    long expiresAt = runTime.applyAsLong(offer.getExpiresAt());
    if (answerAt >= expiresAt) {
      // Nothing else may move the clock past the expiry before the agent would answer.
      long punctuation = (expiresAt + PUNCTUATION_MS - 1) / PUNCTUATION_MS * PUNCTUATION_MS;
      simulation.schedule(punctuation, Kind.CLOCK, null, null, null);
    }
  }

  private void accepted(String callId, String agentId, String reservationId) {
    SimulatedCall call = calls.get(callId);
    SimulatedAgent agent = agents.get(agentId);
    if (call == null || agent == null) {
      return;
    }
    call.openOffers.remove(reservationId);
    agent.offers.remove(reservationId);
    call.answeredMs = simulation.now();
    call.agentId = agentId;
    agent.calls.add(callId);
    simulation.schedule(simulation.now() + call.arrival.handleMs(), Kind.CALL_END, callId, agentId, null);
  }

  private void offerGone(String callId, String agentId, String reservationId) {
    SimulatedCall call = calls.get(callId);
    if (call != null) {
      call.openOffers.remove(reservationId);
    }
    SimulatedAgent agent = agents.get(agentId);
    if (agent != null && agent.offers.remove(reservationId) && agent.leaving && agent.idle()) {
      simulation.schedule(simulation.now(), Kind.SHIFT_END, null, agentId, null);
    }
  }
}
