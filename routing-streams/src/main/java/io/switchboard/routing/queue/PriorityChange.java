package io.switchboard.routing.queue;

import io.switchboard.routing.queue.RoutedCall.Phase;
import io.switchboard.schemas.avro.CallPriorityChanged;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CallPriorityChanged}: attributes are merged (new values win), tags are added, and the
 * priority is the one given or, when null, recomputed from the queue's rules. The call keeps its
 * time in queue, so with aging it keeps the age it has earned.
 */
final class PriorityChange {

  private static final Logger log = LoggerFactory.getLogger(PriorityChange.class);

  private final RoutingStores stores;
  private final Decisions decisions;
  private final Dispatcher dispatcher;

  PriorityChange(RoutingStores stores, Decisions decisions, Dispatcher dispatcher) {
    this.stores = stores;
    this.decisions = decisions;
    this.dispatcher = dispatcher;
  }

  void apply(String tenant, RoutedCall call, CallPriorityChanged change) {
    Map<String, String> attributes = new LinkedHashMap<>(call.attributes());
    attributes.putAll(change.getAttributes());
    List<String> tags = new ArrayList<>(call.tags());
    change.getTags().stream().filter(tag -> !tags.contains(tag)).forEach(tags::add);
    RoutedCall relabelled = call.reprioritized(attributes, tags, call.priority());
    if (call.queue() == null) {
      // Not queued yet: CallQueued will score it with the new attributes.
      stores.put(tenant, relabelled);
      return;
    }
    QueueRules rules = dispatcher.rulesOf(tenant, call.queue());
    String why;
    int priority;
    if (change.getPriority() != null) {
      priority = change.getPriority();
      why = "set to " + priority;
    } else {
      CallPriority scored = rules.priority(relabelled);
      priority = scored.value();
      why = "recomputed: " + scored.explanation();
    }
    RoutedCall changed = relabelled.reprioritized(attributes, tags, priority);
    if (!call.is(Phase.WAITING)) {
      // Offered or connected: the new priority counts if it comes back to the queue.
      stores.put(tenant, changed);
      log.debug("Priority of {} call {} of tenant {} now {}", call.phase(), call.callId(), tenant, priority);
      return;
    }
    stores.removeWaiting(tenant, call);
    RoutedCall waiting = dispatcher.enqueue(tenant, changed, rules);
    decisions.queued(tenant, waiting, stores.position(tenant, waiting), "priority changed from " + call.priority()
        + " to " + priority + " (" + why + ") in queue " + call.queue() + ", keeping the time waited since "
        + java.time.Instant.ofEpochMilli(call.enqueuedAt()));
    dispatcher.dispatch(tenant, Set.of(call.queue()));
  }
}
