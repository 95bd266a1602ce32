package io.switchboard.routing.queue;

import io.switchboard.routing.queue.RoutedCall.Phase;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;

/**
 * Moments when a waiting call may become routable without any event: a skill relaxation step is
 * reached, the preferred agent's window ends, a reject delay ends, or an agent's wrap-up ends; and
 * moments when a queue limit (max wait, no agent) may apply. Kept in a store ordered by due time, so
 * the punctuator reads only the due ones. A call is offered if it can be before a limit moves it.
 */
final class WaitTimers {

  private final RoutingStores stores;
  private final Dispatcher dispatcher;
  private final Limits limits;

  WaitTimers(RoutingStores stores, Dispatcher dispatcher, Limits limits) {
    this.stores = stores;
    this.dispatcher = dispatcher;
    this.limits = limits;
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
        stores.call(tenant, subject[2]).ifPresent(call -> limits.check(tenant, call, now));
      }
    }
  }
}
