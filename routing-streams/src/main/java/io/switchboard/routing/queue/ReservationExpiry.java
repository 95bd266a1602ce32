package io.switchboard.routing.queue;

import io.switchboard.routing.queue.RoutedCall.Offer;
import io.switchboard.routing.queue.RoutedCall.Phase;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.MDC;

/** Times out offers nobody answered, putting each call back at its place and offering it again. */
final class ReservationExpiry {

  private final RoutingStores stores;
  private final Dispatcher dispatcher;
  private final Reservations reservations;

  ReservationExpiry(RoutingStores stores, Dispatcher dispatcher, Reservations reservations) {
    this.stores = stores;
    this.dispatcher = dispatcher;
    this.reservations = reservations;
  }

  /** Punctuator: {@code now} is the wall-clock time, which tests advance instead of sleeping. */
  void expire(long now) {
    for (KeyValue<String, String> entry : stores.expiredReservations(now)) {
      String[] subject = StoreKeys.reservationSubject(entry.key);
      String tenant = subject[0];
      String callId = subject[1];
      long expiry = StoreKeys.reservationExpiry(entry.key);
      Optional<RoutedCall> offered = stores.call(tenant, callId)
          .filter(call -> call.is(Phase.OFFERED) && call.expiresAt() == expiry);
      if (offered.isEmpty()) {
        stores.removeReservationEntry(entry.key);
        continue;
      }
      String timeout = seconds(dispatcher.rulesOf(tenant, offered.get().queue()).reservationTimeoutMs());
      try (MDC.MDCCloseable c = MDC.putCloseable("callId", callId)) {
        // Every agent still ringing misses it; the last one to go puts the call back in its place.
        for (Offer offer : offered.get().offers()) {
          RoutedCall current = stores.call(tenant, callId).orElseThrow();
          if (!current.is(Phase.OFFERED) || current.offer(offer.agentId(), offer.reservationId()).isEmpty()) {
            continue;
          }
          try (MDC.MDCCloseable a = MDC.putCloseable("agentId", offer.agentId())) {
            reservations.refused(tenant, current, offer, true,
                "no answer from agent " + offer.agentId() + " within " + timeout);
          }
        }
      }
    }
  }

  private static String seconds(long ms) {
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
