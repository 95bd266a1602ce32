package io.switchboard.routing.queue;

import io.switchboard.routing.queue.RoutedCall.Phase;
import io.switchboard.schemas.avro.QueueLimit;
import io.switchboard.schemas.avro.QueueLimitAction;
import java.time.Instant;
import java.util.Set;
import org.slf4j.MDC;

/**
 * Enforces the limits of {@link QueueLimits}: capacity when a call enters a queue, and, on the wall
 * clock, max wait and max wait with no agent signed in, each with its action (overflow, callback or
 * end). Limits count from the moment the call entered its current queue; callbacks are exempt, since
 * the caller has already left the line and only waits for an agent to be free.
 */
final class Limits {

  /** The no-agent rule is checked again this long after a check that found an agent signed in, at least. */
  private static final long MIN_RECHECK_MS = 1_000;

  private final RoutingStores stores;
  private final Decisions decisions;
  private final Dispatcher dispatcher;
  private final Callbacks callbacks;

  Limits(RoutingStores stores, Decisions decisions, Dispatcher dispatcher, Callbacks callbacks) {
    this.stores = stores;
    this.decisions = decisions;
    this.dispatcher = dispatcher;
    this.callbacks = callbacks;
  }

  /** Whether {@code queue} has room for one more caller; if not, writes {@code RoutingRejected(CAPACITY)}. */
  boolean admit(String tenant, String callId, String queue) {
    String full = fullReason(tenant, queue);
    if (full == null) {
      return true;
    }
    decisions.limitReached(tenant, callId, queue, QueueLimit.CAPACITY, full);
    return false;
  }

  /** Wall clock: applies the limit a waiting call has reached, if any. */
  void check(String tenant, RoutedCall call, long now) {
    if (!call.is(Phase.WAITING) || call.callback()) {
      return;
    }
    QueueLimits limits = dispatcher.limitsOf(tenant, call.queue());
    long waited = Math.max(0, now - call.queuedAt());
    if (limits.maxWaitMs() != null && waited >= limits.maxWaitMs()) {
      apply(tenant, call, limits, limits.maxWaitAction(), QueueLimit.MAX_WAIT, now, "waited " + seconds(waited)
          + " in queue " + call.queue() + " (max wait " + seconds(limits.maxWaitMs()) + ")");
    } else if (limits.noAgentMs() != null && waited >= limits.noAgentMs()) {
      if (agentSignedIn(tenant, call.queue())) {
        // Somebody may still come free: look again later rather than on every agent event.
        stores.addTimer(now + Math.max(MIN_RECHECK_MS, limits.noAgentMs()), tenant, Dispatcher.CALL_TIMER,
            call.callId());
      } else {
        apply(tenant, call, limits, limits.noAgentAction(), QueueLimit.NO_AGENT, now, "waited " + seconds(waited)
            + " in queue " + call.queue() + " with no agent of the queue signed in (max wait with no agent "
            + seconds(limits.noAgentMs()) + ")");
      }
    }
  }

  private void apply(String tenant, RoutedCall call, QueueLimits limits, QueueLimitAction action, QueueLimit limit,
      long now, String why) {
    try (MDC.MDCCloseable c = MDC.putCloseable("callId", call.callId())) {
      switch (action) {
        case CALLBACK -> callbacks.schedule(tenant, call, why + ": the caller will be called back");
        case OVERFLOW -> overflow(tenant, call, limits, limit, now, why);
        default -> reject(tenant, call, call.queue(), limit, why + ": the call is ended");
      }
    }
  }

  /** Into the overflow queue, keeping the call's age; refused if there is none, it is unknown or full. */
  private void overflow(String tenant, RoutedCall call, QueueLimits limits, QueueLimit limit, long now,
      String why) {
    String target = limits.overflowQueue();
    if (target == null || target.equals(call.queue())) {
      reject(tenant, call, call.queue(), limit, why + " and queue " + call.queue() + " has no overflow queue");
      return;
    }
    if (stores.queueConfig(tenant, target).isEmpty()) {
      // A typo or a deleted queue: nobody would ever serve the call there.
      reject(tenant, call, target, QueueLimit.UNKNOWN_QUEUE, why + " and overflow queue " + target
          + " is not configured");
      return;
    }
    String full = fullReason(tenant, target);
    if (full != null) {
      reject(tenant, call, target, QueueLimit.CAPACITY, why + " and overflow " + full);
      return;
    }
    stores.removeWaiting(tenant, call);
    decisions.overflowed(tenant, call, target, why + ": overflowed to queue " + target);
    QueueRules rules = dispatcher.rulesOf(tenant, target);
    CallPriority priority = rules.priority(call);
    RoutedCall moved = dispatcher.enqueue(tenant, call.overflowed(target, priority.value(), now), rules);
    decisions.queued(tenant, moved, stores.position(tenant, moved), "overflowed from queue " + call.queue()
        + ": entered queue " + target + " at priority " + priority.value() + " (" + priority.explanation()
        + "), keeping the time waited since " + Instant.ofEpochMilli(call.enqueuedAt()));
    dispatcher.dispatch(tenant, Set.of(target));
  }

  /** The engine forgets the call; its owner (gateway or media bridge) ends it on this decision. */
  private void reject(String tenant, RoutedCall call, String queue, QueueLimit limit, String reason) {
    stores.removeWaiting(tenant, call);
    stores.deleteCall(tenant, call.callId());
    decisions.limitReached(tenant, call.callId(), queue, limit, reason);
  }

  /** Why {@code queue} takes no more callers, or null when it has room. */
  private String fullReason(String tenant, String queue) {
    Integer capacity = dispatcher.limitsOf(tenant, queue).capacity();
    if (capacity == null) {
      return null;
    }
    int waiting = stores.onTheLine(tenant, queue);
    return waiting < capacity ? null
        : "queue " + queue + " is full: " + waiting + " callers waiting (capacity " + capacity + ")";
  }

  /** Signed in: registered and not OFFLINE (on a break or in wrap-up still counts, they come back). */
  private boolean agentSignedIn(String tenant, String queue) {
    return stores.anyAgentSignedIn(tenant, queue);
  }

  private static String seconds(long ms) {
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
