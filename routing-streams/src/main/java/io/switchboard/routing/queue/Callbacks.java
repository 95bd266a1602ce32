package io.switchboard.routing.queue;

import io.switchboard.routing.queue.RoutedCall.Offer;
import io.switchboard.routing.queue.RoutedCall.Phase;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual queue: a caller who asks for a callback (or whose queue's limit says CALLBACK) leaves
 * the line and keeps their place, same entry, same priority and age. When their turn comes and an
 * agent is free, the offer says {@code callback=true} and the agent's side dials out.
 */
final class Callbacks {

  private static final Logger log = LoggerFactory.getLogger(Callbacks.class);

  private final RoutingStores stores;
  private final Decisions decisions;
  private final Dispatcher dispatcher;
  private final Reservations reservations;

  Callbacks(RoutingStores stores, Decisions decisions, Dispatcher dispatcher, Reservations reservations) {
    this.stores = stores;
    this.decisions = decisions;
    this.dispatcher = dispatcher;
    this.reservations = reservations;
  }

  /** {@code CallbackRequested}: a waiting call becomes a callback; a ringing one too, its offers withdrawn. */
  void requested(String tenant, RoutedCall call) {
    if (call.callback() || !(call.is(Phase.WAITING) || call.is(Phase.OFFERED))) {
      log.debug("Ignoring CallbackRequested for call {} of tenant {}: {}{}", call.callId(), tenant, call.phase(),
          call.callback() ? " callback already" : "");
      return;
    }
    String why = "the caller asked to be called back";
    if (call.is(Phase.WAITING)) {
      schedule(tenant, call, why);
      return;
    }
    // The agent ringing would answer an empty line: withdraw, then offer it again as a callback.
    stores.put(tenant, call.asCallback());
    Set<String> queues = new LinkedHashSet<>(Set.of(call.queue()));
    for (Offer offer : call.offers()) {
      stores.call(tenant, call.callId())
          .filter(current -> current.is(Phase.OFFERED))
          .ifPresent(current -> current.offer(offer.agentId(), offer.reservationId()).ifPresent(open -> {
            reservations.withdrawn(tenant, current, open, why + " while agent " + open.agentId() + " was offered it");
            queues.addAll(dispatcher.queuesOf(tenant, open.agentId(), null));
          }));
    }
    stores.call(tenant, call.callId()).filter(back -> back.is(Phase.WAITING))
        .ifPresent(back -> scheduled(tenant, back, why));
    dispatcher.dispatch(tenant, queues);
  }

  /** A waiting call becomes a callback at its place. */
  void schedule(String tenant, RoutedCall waiting, String why) {
    RoutedCall callback = waiting.asCallback();
    stores.put(tenant, callback);
    scheduled(tenant, callback, why);
  }

  private void scheduled(String tenant, RoutedCall callback, String why) {
    int position = stores.position(tenant, callback);
    decisions.callbackScheduled(tenant, callback, position, why + "; keeps position " + position + " in queue "
        + callback.queue() + " (waiting since " + Instant.ofEpochMilli(callback.enqueuedAt()) + ")");
  }
}
