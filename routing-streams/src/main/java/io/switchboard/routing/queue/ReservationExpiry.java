package io.switchboard.routing.queue;

import io.switchboard.routing.queue.RoutedCall.Phase;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.MDC;

/** Times out offers nobody answered, putting each call back at its place and offering it again. */
final class ReservationExpiry {

  private final RoutingStores stores;
  private final Decisions decisions;
  private final Dispatcher dispatcher;
  private final String timeout;

  ReservationExpiry(RoutingStores stores, Decisions decisions, Dispatcher dispatcher, Duration timeout) {
    this.stores = stores;
    this.decisions = decisions;
    this.dispatcher = dispatcher;
    this.timeout = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }

  /** Punctuator: {@code now} is the wall-clock time, which tests advance instead of sleeping. */
  void expire(long now) {
    for (KeyValue<String, String> entry : stores.expiredReservations(now)) {
      String[] subject = StoreKeys.reservationSubject(entry.key);
      String tenant = subject[0];
      String callId = subject[1];
      Optional<RoutedCall> offered = stores.call(tenant, callId)
          .filter(call -> call.is(Phase.OFFERED) && entry.value.equals(call.reservationId()));
      if (offered.isEmpty()) {
        stores.removeReservationEntry(entry.key);
        continue;
      }
      RoutedCall call = offered.get();
      try (MDC.MDCCloseable c = MDC.putCloseable("callId", callId);
          MDC.MDCCloseable a = MDC.putCloseable("agentId", call.agentId())) {
        dispatcher.returnToQueue(tenant, call);
        decisions.timedOut(tenant, call, "no answer from agent " + call.agentId() + " within " + timeout);
        dispatcher.dispatch(tenant, dispatcher.queuesOf(tenant, call.agentId(), call.queue()));
      }
    }
  }
}
