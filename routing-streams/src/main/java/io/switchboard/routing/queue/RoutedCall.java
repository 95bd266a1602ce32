package io.switchboard.routing.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routing engine's view of one call: what {@code CallCreated} said about it (for priority rules),
 * where it is in routing, and its open offers (one, or several with RING_ALL).
 *
 * @param direction INBOUND, OUTBOUND or INTERNAL; {@code null} when no CallCreated was seen
 * @param enqueuedAt when the call entered its queue; kept across offers and priority changes
 * @param sortKey the ordering key of its waiting entry, fixed when it was (re)inserted ({@link WaitingOrder})
 * @param offers open offers, all expiring at {@code expiresAt}
 * @param agentId the agent holding the call once connected
 * @param connectedAt when it was answered, for talk time
 * @param refusals agents who declined or let an offer expire, with when; the last is offered again only
 *     as a last resort, and none before the queue's reject delay has passed
 * @param queuedAt when the call entered the queue it is in now; the queue's limits (max wait, no agent)
 *     count from here, while {@code enqueuedAt} (its age) survives an overflow
 * @param callback the caller left the line and keeps their place; the agent's side calls back
 */
record RoutedCall(
    String callId,
    String direction,
    Map<String, String> attributes,
    List<String> tags,
    Phase phase,
    String queue,
    int priority,
    long enqueuedAt,
    long sortKey,
    List<Offer> offers,
    long expiresAt,
    String agentId,
    long connectedAt,
    Map<String, Long> refusals,
    long queuedAt,
    boolean callback) {

  /** Where a call is in routing. */
  enum Phase {
    /** Seen CallCreated, not queued yet. */
    CREATED,
    WAITING,
    OFFERED,
    CONNECTED
  }

  /** One agent's open offer of the call. */
  record Offer(String agentId, String reservationId) {}

  RoutedCall {
    attributes = Map.copyOf(attributes);
    tags = List.copyOf(tags);
    offers = List.copyOf(offers);
    refusals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(refusals));
  }

  static RoutedCall created(String callId, String direction, Map<String, String> attributes, List<String> tags) {
    return new RoutedCall(callId, direction, attributes, tags, Phase.CREATED, null, 0, 0, 0, List.of(), 0, null, 0,
        Map.of(), 0, false);
  }

  boolean is(Phase expected) {
    return phase == expected;
  }

  RoutedCall waiting(String newQueue, int newPriority, long at) {
    return new RoutedCall(callId, direction, attributes, tags, Phase.WAITING, newQueue, newPriority, at, 0, List.of(),
        0, null, 0, Map.of(), at, false);
  }

  RoutedCall withSortKey(long key) {
    return new RoutedCall(callId, direction, attributes, tags, phase, queue, priority, enqueuedAt, key, offers,
        expiresAt, agentId, connectedAt, refusals, queuedAt, callback);
  }

  /** New attributes, tags or priority; the time in queue is kept. */
  RoutedCall reprioritized(Map<String, String> newAttributes, List<String> newTags, int newPriority) {
    return new RoutedCall(callId, direction, newAttributes, newTags, phase, queue, newPriority, enqueuedAt, sortKey,
        offers, expiresAt, agentId, connectedAt, refusals, queuedAt, callback);
  }

  RoutedCall offered(List<Offer> newOffers, long newExpiresAt) {
    return new RoutedCall(callId, direction, attributes, tags, Phase.OFFERED, queue, priority, enqueuedAt, sortKey,
        newOffers, newExpiresAt, null, 0, refusals, queuedAt, callback);
  }

  RoutedCall connected(String toAgent, long at) {
    return new RoutedCall(callId, direction, attributes, tags, Phase.CONNECTED, queue, priority, enqueuedAt, sortKey,
        List.of(), 0, toAgent, at, Map.of(), queuedAt, callback);
  }

  /** One offer fewer (the agent refused it or left); refused ones are remembered with their time. */
  RoutedCall withoutOffer(String agent, Long refusedAt) {
    List<Offer> rest = new ArrayList<>(offers);
    rest.removeIf(offer -> offer.agentId().equals(agent));
    Map<String, Long> refused = new LinkedHashMap<>(refusals);
    if (refusedAt != null) {
      refused.remove(agent);
      refused.put(agent, refusedAt);
    }
    return new RoutedCall(callId, direction, attributes, tags, phase, queue, priority, enqueuedAt, sortKey, rest,
        expiresAt, agentId, connectedAt, refused, queuedAt, callback);
  }

  /** Back to waiting with the same priority and entry time, that is at its original place. */
  RoutedCall backToQueue() {
    return new RoutedCall(callId, direction, attributes, tags, Phase.WAITING, queue, priority, enqueuedAt, sortKey,
        List.of(), 0, null, 0, refusals, queuedAt, callback);
  }

  /**
   * Into an overflow queue: a new priority and a new start for the limits of that queue, but the same
   * age ({@code enqueuedAt}), so it does not start again behind every call that came after it.
   */
  RoutedCall overflowed(String toQueue, int newPriority, long at) {
    return new RoutedCall(callId, direction, attributes, tags, Phase.WAITING, toQueue, newPriority, enqueuedAt, 0,
        List.of(), 0, null, 0, Map.of(), at, callback);
  }

  /** The caller left the line; the call keeps everything that gives it its place. */
  RoutedCall asCallback() {
    return new RoutedCall(callId, direction, attributes, tags, phase, queue, priority, enqueuedAt, sortKey, offers,
        expiresAt, agentId, connectedAt, refusals, queuedAt, true);
  }

  /** The open offer an answer or decline names; a null agent or reservation id matches any. */
  Optional<Offer> offer(String agent, String reservationId) {
    return offers.stream()
        .filter(offer -> agent == null || agent.equals(offer.agentId()))
        .filter(offer -> reservationId == null || reservationId.equals(offer.reservationId()))
        .findFirst();
  }

  /** The agent who refused the call last, or null. */
  String lastRefuser() {
    String last = null;
    for (String agent : refusals.keySet()) {
      last = agent;
    }
    return last;
  }
}
