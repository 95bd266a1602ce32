package io.switchboard.routing.queue;

import java.util.List;
import java.util.Map;

/**
 * The routing engine's view of one call: what {@code CallCreated} said about it (for priority rules),
 * where it is in routing, and the open reservation if it is offered.
 *
 * @param direction INBOUND, OUTBOUND or INTERNAL; {@code null} when no CallCreated was seen
 * @param enqueuedAt when the call entered its queue; kept across offers so it returns to its place
 * @param refusedBy the agent who last declined or let the offer expire, offered again only as a last resort
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
    String agentId,
    String reservationId,
    long expiresAt,
    String refusedBy) {

  /** Where a call is in routing. */
  enum Phase {
    /** Seen CallCreated, not queued yet. */
    CREATED,
    WAITING,
    OFFERED,
    CONNECTED
  }

  RoutedCall {
    attributes = Map.copyOf(attributes);
    tags = List.copyOf(tags);
  }

  static RoutedCall created(String callId, String direction, Map<String, String> attributes, List<String> tags) {
    return new RoutedCall(callId, direction, attributes, tags, Phase.CREATED, null, 0, 0, null, null, 0, null);
  }

  boolean is(Phase expected) {
    return phase == expected;
  }

  RoutedCall waiting(String newQueue, int newPriority, long at) {
    return new RoutedCall(callId, direction, attributes, tags, Phase.WAITING, newQueue, newPriority, at,
        null, null, 0, null);
  }

  RoutedCall offered(String toAgent, String newReservationId, long newExpiresAt) {
    return new RoutedCall(callId, direction, attributes, tags, Phase.OFFERED, queue, priority, enqueuedAt,
        toAgent, newReservationId, newExpiresAt, refusedBy);
  }

  RoutedCall connected() {
    return new RoutedCall(callId, direction, attributes, tags, Phase.CONNECTED, queue, priority, enqueuedAt,
        agentId, reservationId, 0, null);
  }

  /** Back to waiting with the same priority and entry time, that is at its original place. */
  RoutedCall backToQueue() {
    return new RoutedCall(callId, direction, attributes, tags, Phase.WAITING, queue, priority, enqueuedAt,
        null, null, 0, agentId);
  }
}
