package io.switchboard.gateway.ws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.PriorityBlockingQueue;

/**
 * The calls this instance offered to its agents, and which of them an agent answered: it is how an
 * accept finds its reservation and how the end of a call finds the agents to tell. Several agents
 * may hold an offer for the same call (ring-all).
 */
final class OfferBook {

  /** One agent's offer of one call; {@code queue} and {@code callback} as offered, to offer it again. */
  record Offer(String callId, String agentId, String reservationId, Instant expiresAt, boolean answered,
      String queue, boolean callback) {

    Offer(String callId, String agentId, String reservationId, Instant expiresAt, boolean answered) {
      this(callId, agentId, reservationId, expiresAt, answered, null, false);
    }

    Offer answer() {
      return new Offer(callId, agentId, reservationId, expiresAt, true, queue, callback);
    }
  }

  private record CallKey(String tenantId, String callId) {}

  /** When an offer can first be pruned: its expiry, and whose it was. */
  private record Due(Instant expiresAt, CallKey key, String agentId, String reservationId) {}

  private final ConcurrentMap<CallKey, Map<String, Offer>> offers = new ConcurrentHashMap<>();
  // The offers by expiry, so that a prune visits only those that expired, not the whole book. An
  // entry whose offer was answered, withdrawn or replaced meanwhile is dropped when its time comes.
  private final PriorityBlockingQueue<Due> dues = new PriorityBlockingQueue<>(1024,
      Comparator.comparing(Due::expiresAt));

  void put(String tenantId, Offer offer) {
    if (offer.expiresAt() != null && !offer.answered()) {
      dues.add(new Due(offer.expiresAt(), new CallKey(tenantId, offer.callId()), offer.agentId(),
          offer.reservationId()));
    }
    offers.compute(new CallKey(tenantId, offer.callId()), (key, byAgent) -> {
      Map<String, Offer> next = byAgent == null ? new HashMap<>() : new HashMap<>(byAgent);
      next.put(offer.agentId(), offer);
      return Map.copyOf(next);
    });
  }

  Optional<Offer> find(String tenantId, String callId, String agentId) {
    return Optional.ofNullable(offers.getOrDefault(new CallKey(tenantId, callId), Map.of()).get(agentId));
  }

  /**
   * Marks the agent's offer answered and forgets the other agents' offers of the call, which are
   * returned so they can be told.
   */
  List<Offer> answered(String tenantId, String callId, String agentId, String reservationId) {
    List<Offer> others = new ArrayList<>();
    offers.compute(new CallKey(tenantId, callId), (key, byAgent) -> {
      Map<String, Offer> current = byAgent == null ? Map.of() : byAgent;
      current.values().stream().filter(offer -> !offer.agentId().equals(agentId)).forEach(others::add);
      Offer mine = current.get(agentId);
      return Map.of(agentId, mine != null ? mine.answer() : new Offer(callId, agentId, reservationId, null, true));
    });
    return others;
  }

  /**
   * Marks the agent's own offer answered (its accept was sent), leaving the other agents' offers of
   * the call: they stay ringing until the routing engine's {@code ReservationAccepted} says who won,
   * and are then told ({@link #answered}).
   */
  void accepting(String tenantId, String callId, String agentId) {
    offers.computeIfPresent(new CallKey(tenantId, callId), (key, byAgent) -> {
      Offer mine = byAgent.get(agentId);
      if (mine == null || mine.answered()) {
        return byAgent;
      }
      Map<String, Offer> next = new HashMap<>(byAgent);
      next.put(agentId, mine.answer());
      return Map.copyOf(next);
    });
  }

  /** Forgets the agent's offer if it is still the given reservation; returns it if it was. */
  Optional<Offer> withdraw(String tenantId, String callId, String agentId, String reservationId) {
    Offer[] removed = new Offer[1];
    offers.computeIfPresent(new CallKey(tenantId, callId), (key, byAgent) -> {
      Offer offer = byAgent.get(agentId);
      if (offer == null || (reservationId != null && !reservationId.equals(offer.reservationId()))) {
        return byAgent;
      }
      removed[0] = offer;
      Map<String, Offer> next = new HashMap<>(byAgent);
      next.remove(agentId);
      return next.isEmpty() ? null : Map.copyOf(next);
    });
    return Optional.ofNullable(removed[0]);
  }

  /** Every offer of the agent, answered or not. */
  List<Offer> ofAgent(String tenantId, String agentId) {
    List<Offer> found = new ArrayList<>();
    offers.forEach((key, byAgent) -> {
      Offer offer = byAgent.get(agentId);
      if (key.tenantId().equals(tenantId) && offer != null) {
        found.add(offer);
      }
    });
    return found;
  }

  /** Forgets the call; returns the offers it had. */
  List<Offer> remove(String tenantId, String callId) {
    Map<String, Offer> removed = offers.remove(new CallKey(tenantId, callId));
    return removed == null ? List.of() : List.copyOf(removed.values());
  }

  /**
   * Forgets unanswered offers that expired before {@code before}: their timeout notice was missed.
   * Costs in proportion to the offers that expired since the last prune, not to the book. Not for
   * concurrent callers.
   */
  void prune(Instant before) {
    // One caller at a time (the event consumer thread), so what is peeked at is what is polled.
    while (dues.peek() != null && dues.peek().expiresAt().isBefore(before)) {
      Due expired = dues.poll();
      offers.computeIfPresent(expired.key(), (key, byAgent) -> {
        Offer offer = byAgent.get(expired.agentId());
        if (offer == null || !expired(offer, before)
            || !Objects.equals(offer.reservationId(), expired.reservationId())) {
          return byAgent;
        }
        Map<String, Offer> kept = new HashMap<>(byAgent);
        kept.remove(expired.agentId());
        return kept.isEmpty() ? null : Map.copyOf(kept);
      });
    }
  }

  private static boolean expired(Offer offer, Instant before) {
    return !offer.answered() && offer.expiresAt() != null && offer.expiresAt().isBefore(before);
  }

  int size() {
    return offers.size();
  }

  /** Offers waiting in the expiry order, including those already gone from the book. */
  int pending() {
    return dues.size();
  }
}
