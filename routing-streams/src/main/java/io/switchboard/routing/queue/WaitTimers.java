package io.switchboard.routing.queue;

import io.switchboard.routing.queue.RoutedCall.Phase;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;

/**
 * Moments when a waiting call may become routable without any event: a skill relaxation step is
 * reached, the preferred agent's window ends, a reject delay ends, or an agent's wrap-up ends. Kept
 * in a store ordered by due time, so the punctuator reads only the due ones.
 */
final class WaitTimers {

  private final RoutingStores stores;
  private final Dispatcher dispatcher;

  WaitTimers(RoutingStores stores, Dispatcher dispatcher) {
    this.stores = stores;
    this.dispatcher = dispatcher;
  }

  /** Punctuator, on the wall clock. */
  void fire(long now) {
    for (KeyValue<String, String> entry : stores.dueTimers(now)) {
      stores.removeTimerEntry(entry.key);
      String[] subject = StoreKeys.timerSubject(entry.key);
      String tenant = subject[0];
      if (Dispatcher.AGENT_TIMER.equals(subject[1])) {
        dispatcher.dispatch(tenant, dispatcher.queuesOf(tenant, subject[2], null));
      } else {
        stores.call(tenant, subject[2])
            .filter(call -> call.is(Phase.WAITING))
            .ifPresent(call -> dispatcher.dispatch(tenant, Set.of(call.queue())));
      }
    }
  }
}
